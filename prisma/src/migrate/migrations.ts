// Applies and writes migrations with the WebAssembly schema engine over the same driver
// adapter the application uses: no native engine binary, no network. The engine keeps
// `_prisma_migrations` itself, so the history is exactly what `prisma migrate deploy`
// would record and either tool can take over from the other.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import type { Database } from '../client.js';
import { loadSchemaEngine } from './engine.js';
import { createPgIntrospectionFactory } from './pg-introspection.js';

// The package's own directory, found upwards: src/migrate from the sources, dist/src/migrate
// once compiled (scripts/build-api.mjs).
const packageDir = findPackageDir(dirname(fileURLToPath(import.meta.url)));
export const schemaPath = join(packageDir, 'schema.prisma');
export const migrationsDir = join(packageDir, 'migrations');

function findPackageDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schema.prisma'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No schema.prisma above ${from}`);
  }
}

const noFilters = { externalTables: [], externalEnums: [] };

export type EngineLog = (message: string) => void;

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const Engine = await loadSchemaEngine();
  const datamodel = await readFile(schemaPath, 'utf8');
  const engine = await Engine.new(
    { datamodels: [[schemaPath, datamodel]] },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}

export async function readMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const lockPath = join(dir, 'migration_lock.toml');
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = join(dir, name, 'migration.sql');
      const content = existsSync(file)
        ? ({ tag: 'ok', value: await readFile(file, 'utf8') } as const)
        : ({ tag: 'error', value: `${file} is missing` } as const);
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Applies every migration not yet recorded; returns the names it applied. Idempotent. */
export async function applyMigrations(
  db: Database,
  options: { log?: EngineLog; dir?: string } = {},
): Promise<string[]> {
  const migrationsList = await readMigrationList(options.dir);
  // The engine takes a session-level advisory lock so two processes never migrate at once.
  // Through a pool, the unlock could travel on another connection and the lock would stay
  // held; one dedicated connection keeps lock and unlock together.
  if (db.kind !== 'postgres' || !db.url) {
    return withEngine(db.adapterFactory, options.log ?? (() => {}), async (engine) => {
      return (await engine.applyMigrations({ migrationsList, filters: noFilters })).appliedMigrationNames;
    });
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const dedicated = disposableFactory(new PrismaPg(pool), (script) => pool.query(script).then(() => undefined));
  try {
    return await withEngine(dedicated.factory, options.log ?? (() => {}), async (engine) => {
      return (await engine.applyMigrations({ migrationsList, filters: noFilters })).appliedMigrationNames;
    });
  } finally {
    // Closing the connection ends its session, which releases the lock in every case.
    await dedicated.dispose();
    await pool.end().catch(() => undefined);
  }
}

/**
 * Remembers the connections the engine opens so they can be closed when it is done, and
 * optionally replaces how they run a migration script: @prisma/adapter-pg splits scripts
 * on every ";", which breaks function bodies ($$ … $$); the simple query protocol runs a
 * whole script as PostgreSQL itself parses it.
 */
function disposableFactory(
  inner: SqlMigrationAwareDriverAdapterFactory,
  executeScript?: (script: string) => Promise<void>,
) {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    if (executeScript) adapter.executeScript = executeScript;
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  return { factory, dispose: () => Promise.all(opened.map((a) => a.dispose())).then(() => undefined) };
}

/**
 * SQL that takes a database built from the migrations to what schema.prisma describes.
 * The factory must have an in-memory shadow database (PGlite): the engine replays the
 * migrations there. PrismaPg's shadow is the live database itself, so never pass it here.
 */
export async function diffMigrationsToSchema(
  shadowFactory: SqlMigrationAwareDriverAdapterFactory,
  options: { log?: EngineLog; dir?: string } = {},
): Promise<string> {
  const migrationsList = await readMigrationList(options.dir);
  const datamodel = await readFile(schemaPath, 'utf8');
  return withEngine(shadowFactory, options.log ?? (() => {}), async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
}

/** SQL that takes the live database to schema.prisma; empty when they agree. */
export async function diffDatabaseToSchema(db: Database, options: { log?: EngineLog } = {}): Promise<string> {
  const datamodel = await readFile(schemaPath, 'utf8');
  const factory = db.kind === 'postgres' && db.url ? createPgIntrospectionFactory(db.url) : db.adapterFactory;
  return withEngine(factory, options.log ?? (() => {}), async (engine) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files: [{ path: schemaPath, content: datamodel }], configDir: packageDir },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
}

const emptyScript = /^\s*(--[^\n]*\n\s*)*$/;

/** Writes `<timestamp>_<name>/migration.sql` when the schema moved on; returns its path. */
export async function writeNextMigration(
  shadowFactory: SqlMigrationAwareDriverAdapterFactory,
  name: string,
  options: { log?: EngineLog; dir?: string; now?: Date } = {},
): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('A migration name uses only a-z, 0-9 and _');
  const dir = options.dir ?? migrationsDir;
  await ensureLockfile(dir);
  const sql = await diffMigrationsToSchema(shadowFactory, { ...options, dir });
  if (emptyScript.test(sql) || sql.includes('This is an empty migration')) return undefined;
  const stamp = (options.now ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 14);
  const target = join(dir, `${stamp}_${name}`);
  await mkdir(target, { recursive: true });
  await writeFile(join(target, 'migration.sql'), sql);
  return join(target, 'migration.sql');
}

// The engine reads the provider from the lockfile before it diffs; write it as the
// Prisma CLI does for a first migration.
async function ensureLockfile(dir: string): Promise<void> {
  const lock = join(dir, 'migration_lock.toml');
  if (existsSync(lock)) return;
  await mkdir(dir, { recursive: true });
  await writeFile(
    lock,
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
}

/** Names of the migrations in the repository, oldest first. */
export async function listMigrationNames(dir = migrationsDir): Promise<string[]> {
  return (await readMigrationList(dir)).migrationDirectories.map((d) => d.path);
}
