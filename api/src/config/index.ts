// Configuration from the environment, validated once at start-up so a typo stops Lupa
// with a message instead of surfacing later as odd behaviour.
import { resolve } from 'node:path';
import { z } from 'zod';
import { trustedProxies } from './trusted-proxies.js';

const ZBooleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  LUPA_PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LUPA_DATA_DIR: z.string().default('.lupa/data'),
  LUPA_SEED_RESIDENTS: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  LUPA_SEED: ZBooleanString.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LUPA_INSIGHT_K: z.coerce.number().int().min(2).max(1000).default(5),
  LUPA_GRAPHIQL: ZBooleanString.optional(),
  LUPA_INTROSPECTION: ZBooleanString.optional(),
  LUPA_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LUPA_BACKGROUND_JOBS: ZBooleanString.default(true),
  LUPA_NOTICE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  LUPA_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  LUPA_ALLOW_EMBEDDED_DB: ZBooleanString.default(false),
  LUPA_WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  LUPA_HUB_KEYS_DIR: z.string().min(1).optional(),
  LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR: ZBooleanString.default(false),
  LUPA_CORS_ORIGINS: z.string().default(''),
  LUPA_TRUSTED_PROXIES: z.string().default(''),
});

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** The address people and services use to reach Lupa; links are built from it, never from Host. */
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedResidents: number;
  seedOnStart: boolean;
  logLevel: string;
  /** Smallest group an insight aggregate shows (k-anonymity); published counts are rounded to it. */
  insightK: number;
  graphiql: boolean;
  introspection: boolean;
  dbPoolSize: number;
  /** Notice delivery and the consent-expiry sweep; off for a process that should only serve. */
  backgroundJobs: boolean;
  noticeIntervalMs: number;
  expiryIntervalMs: number;
  /** Production on embedded PGlite only when the operator says so (LUPA_ALLOW_EMBEDDED_DB). */
  allowEmbeddedDatabase: boolean;
  /** The hub's signing key ring (LUPA_HUB_KEYS_DIR; LUPA_DATA_DIR/keys when not set). */
  hubKeysDir: string;
  /** Production may keep (and create) the hub keys inside LUPA_DATA_DIR (LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR). */
  allowHubKeysInDataDir: boolean;
  /** Webhook hosts exempt from the public-address check in production (lower case). */
  webhookAllowedHosts: string[];
  /** Browser origins allowed to call /graphql cross-origin with credentials; none by default. */
  corsOrigins: string[];
  /** Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; none by default. */
  trustedProxies: string[];
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const badOrigin = list(e.LUPA_CORS_ORIGINS).find((o) => !URL.canParse(o) || origin(o) !== o.replace(/\/$/, ''));
  if (badOrigin) {
    throw new ConfigError(
      `Invalid configuration:\n  LUPA_CORS_ORIGINS: ${badOrigin} is not an origin (scheme://host[:port], no path)`,
    );
  }
  const proxies = list(e.LUPA_TRUSTED_PROXIES);
  try {
    trustedProxies(proxies);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  LUPA_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  const isDev = e.NODE_ENV !== 'production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.LUPA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.LUPA_DATA_DIR),
    hubKeysDir: resolve(e.LUPA_HUB_KEYS_DIR ?? resolve(e.LUPA_DATA_DIR, 'keys')),
    allowHubKeysInDataDir: e.LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR,
    seedResidents: e.LUPA_SEED_RESIDENTS,
    // Synthetic residents never appear in a production database unless asked for.
    seedOnStart: e.LUPA_SEED ?? isDev,
    logLevel: e.LOG_LEVEL,
    insightK: e.LUPA_INSIGHT_K,
    // Integrators get schema/schema.graphql; the live schema is explorable in development only
    // unless an operator turns it on.
    graphiql: e.LUPA_GRAPHIQL ?? isDev,
    introspection: e.LUPA_INTROSPECTION ?? isDev,
    dbPoolSize: e.LUPA_DB_POOL_SIZE,
    backgroundJobs: e.LUPA_BACKGROUND_JOBS,
    noticeIntervalMs: e.LUPA_NOTICE_INTERVAL_MS,
    expiryIntervalMs: e.LUPA_EXPIRY_INTERVAL_MS,
    allowEmbeddedDatabase: e.LUPA_ALLOW_EMBEDDED_DB,
    webhookAllowedHosts: list(e.LUPA_WEBHOOK_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    corsOrigins: list(e.LUPA_CORS_ORIGINS).map(origin),
    trustedProxies: proxies,
  };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function origin(value: string): string {
  return new URL(value).origin;
}
