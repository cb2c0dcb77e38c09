// The one place that turns configuration into a database connection. Everything else —
// the API, migrations, the seed, the tests — asks this factory, so PGlite and PostgreSQL
// run the same code paths.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client/client.js';
import { type DatabaseConfig, readDatabaseConfig } from './config.js';
import { pgliteSql, poolSql, type Sql } from './sql.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  /** PostgreSQL only: the connection string. */
  url?: string;
  prisma: PrismaClient;
  /** Plain SQL on the same connections, for the hottest statements (see sql.ts). */
  sql: Sql;
  /** The driver adapter factory, shared with the migration engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Raw PGlite handle, for the few places that need it (tests, COPY in the seed). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  config?: DatabaseConfig;
  /** PGlite only: keep everything in memory (tests, the migration diff's shadow). */
  inMemory?: boolean;
  /** Log every SQL statement to this callback (query-count snapshots). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
  /** PostgreSQL only: told when an idle pooled connection fails (the process carries on). */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const config = options.config ?? readDatabaseConfig();
  if (config.url && !options.inMemory) {
    const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10 });
    // An idle connection that the server drops (a restart, a failover) must not crash the
    // process: the pool discards it and the next query opens a new one, and /readyz reports
    // the outage meanwhile.
    pool.on('error', (error) => options.onConnectionError?.(error));
    const adapterFactory = new PrismaPg(pool);
    const prisma = createClient(adapterFactory, options.onQuery);
    return {
      kind: 'postgres',
      url: config.url,
      prisma,
      sql: poolSql(pool, options.onQuery),
      adapterFactory,
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  let pglite: PGlite;
  if (options.inMemory) {
    pglite = new PGlite();
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    pglite = new PGlite(join(config.dataDir, 'pglite'));
  }
  await pglite.waitReady;
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = createClient(adapterFactory, options.onQuery);
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteSql(pglite, options.onQuery),
    adapterFactory,
    pglite,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function createClient(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  onQuery: ((sql: string) => void) | undefined,
): PrismaClient {
  if (!onQuery) return withoutEmptySelect(new PrismaClient({ adapter }));
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (event) => onQuery(event.query));
  return withoutEmptySelect(prisma as unknown as PrismaClient);
}

/**
 * Pothos hands resolvers `{ select: {} }` when a GraphQL selection holds only `__typename`,
 * and Prisma refuses an empty select. Dropping it reads the row's scalars instead, which is
 * what "the row exists" needs. The extended client keeps PrismaClient's whole surface; only
 * its static type differs, hence the cast.
 */
function withoutEmptySelect(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const select = (args as { select?: object } | undefined)?.select;
          if (select && Object.keys(select).length === 0) {
            const { select: _empty, ...rest } = args as { select?: object };
            return query(rest as typeof args);
          }
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
