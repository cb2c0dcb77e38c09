// What production refuses to start without. Each check names the setting, says what is
// wrong and how to put it right; main.ts prints them all at once and exits, so an operator
// fixes the deployment in one round instead of one error at a time.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { HUB_KEY_RING_FILE } from '../auth/hub-key-files.js';
import type { AppConfig } from './index.js';
import { isLoopbackHost } from './loopback.js';

export function productionProblems(config: AppConfig, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const picProblem = picKeyProblem(config, env);
  if (picProblem) problems.push(picProblem);
  const hubProblem = hubKeyProblem(config);
  if (hubProblem) problems.push(hubProblem);
  const urlProblem = publicUrlProblem(env);
  if (urlProblem) problems.push(urlProblem);
  if (!config.databaseUrl && !config.allowEmbeddedDatabase) {
    problems.push(
      'DATABASE_URL: not set, so Lupa would run on embedded PGlite, which is meant for development and ' +
        'trials. Point it at PostgreSQL (postgres://…), or set LUPA_ALLOW_EMBEDDED_DB=1 to run on PGlite anyway.',
    );
  }
  return problems;
}

function picKeyProblem(config: AppConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (env.LUPA_PIC_ENCRYPTION_KEY && env.LUPA_PIC_INDEX_KEY) return undefined;
  const file = env.LUPA_PIC_KEY_FILE;
  if (!file) {
    return (
      'LUPA_PIC_ENCRYPTION_KEY, LUPA_PIC_INDEX_KEY: not set. Production takes the keys that protect personal ' +
      'identity codes from the environment (32 bytes each, base64) or from LUPA_PIC_KEY_FILE; it never generates ' +
      'them beside the database, where a copy of the data volume would hold both the codes and their keys.'
    );
  }
  if (isInside(resolve(file), config.dataDir)) {
    return `LUPA_PIC_KEY_FILE: ${resolve(file)} is inside LUPA_DATA_DIR (${config.dataDir}); keep the key file on another volume.`;
  }
  return undefined;
}

// The hub keys sign every token, receipt and audit checkpoint: whoever copies them can
// forge all three, so they live apart from the data volume, and production never makes
// them up on its own (a fresh ring on each new volume would orphan every receipt).
function hubKeyProblem(config: AppConfig): string | undefined {
  if (config.allowHubKeysInDataDir) return undefined;
  const dir = config.hubKeysDir;
  // keys:rotate records the creation in the audit log (keys.create), so the migrations come first.
  const create = `create them once: \`pnpm db:migrate\`, then \`LUPA_HUB_KEYS_DIR=${dir} pnpm keys:rotate\` (it records the creation in the audit log, which the migrations create)`;
  if (isInside(dir, config.dataDir)) {
    return (
      `LUPA_HUB_KEYS_DIR: ${dir === resolve(config.dataDir, 'keys') ? 'not set, so the hub signing keys would be' : `${dir} is`} ` +
      `inside LUPA_DATA_DIR (${config.dataDir}), where a copy of the data volume could forge tokens, receipts ` +
      'and audit checkpoints. Point it at a directory on another volume holding the key ring (create it with ' +
      '`pnpm db:migrate`, then `pnpm keys:rotate`), or set LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR=1 to keep them there anyway.'
    );
  }
  if (!existsSync(join(dir, HUB_KEY_RING_FILE))) {
    return `LUPA_HUB_KEYS_DIR: ${dir} holds no hub signing keys; production does not generate them, ${create}.`;
  }
  return undefined;
}

function publicUrlProblem(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.LUPA_PUBLIC_URL;
  if (!value) {
    return (
      'LUPA_PUBLIC_URL: not set. Links, token issuers and audiences are built from it; set the https address ' +
      'people and services use, e.g. https://lupa.example.fi.'
    );
  }
  const url = new URL(value);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return undefined;
  return `LUPA_PUBLIC_URL: ${value} is not https. Only a loopback address may use http; cookies and tokens would cross the network unprotected.`;
}

/** Symbolic links resolved where they exist: a link inside the data directory is inside it. */
function isInside(path: string, dir: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : p);
  const rel = relative(real(dir), real(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
