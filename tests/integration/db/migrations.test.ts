import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applyMigrations,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  listMigrationNames,
  migrationsDir,
  openDatabase,
} from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../fixtures/database.js';

const onlyComments = /^\s*(--[^\n]*\s*)*$/;

describe(`migrations on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let db: TestDatabase;
  let applied: string[];

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    applied = await applyMigrations(db.owner);
  });
  afterAll(() => db.drop());

  it('applies every migration in the repository to an empty database, in order', async () => {
    expect(applied).toEqual(await listMigrationNames());
    expect(applied.length).toBeGreaterThan(0);
  });

  it('records _prisma_migrations as prisma migrate deploy does (name, checksum, finished)', async () => {
    const rows = await db.prisma.$queryRawUnsafe<
      {
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        rolled_back_at: Date | null;
        applied_steps_count: number;
      }[]
    >(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const row of rows) {
      const sql = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it('is idempotent: a second run applies nothing, and the app role may make it (pnpm start does)', async () => {
    expect(await applyMigrations(db)).toEqual([]);
  });

  it('leaves the database exactly as schema.prisma describes', async () => {
    const drift = await diffDatabaseToSchema(db.owner);
    expect(drift).toMatch(onlyComments);
  });
});

describe('committed migrations', () => {
  it('cover schema.prisma completely (pnpm db:migration would write nothing)', async () => {
    const shadow = await openDatabase({ inMemory: true });
    try {
      const missing = await diffMigrationsToSchema(shadow.adapterFactory);
      expect(missing).toMatch(onlyComments);
    } finally {
      await shadow.close();
    }
  });
});
