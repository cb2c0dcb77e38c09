import { resolve } from 'node:path';

export interface DatabaseConfig {
  /** postgres://… selects PostgreSQL; unset means embedded PGlite. */
  url: string | undefined;
  /** Where PGlite keeps its files; ignored for PostgreSQL. */
  dataDir: string;
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:…")`);
  }
  return { url, dataDir: resolve(env.LUPA_DATA_DIR ?? '.lupa/data') };
}
