// The role the API serves as, lupa_app, may use every application table — those of today and
// those later migrations create — but only INSERT and SELECT the append-only ones and only
// read the migration history. Checked in the catalogue, by acting as the role, and end to
// end: campaigns (tables added after the first grants) work for an app connected as it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';
import { CAMPAIGNS, createCampaign } from '../../fixtures/audience.js';
import { appRole, createTestDatabase, type TestDatabase, usingPostgres } from '../../fixtures/database.js';

const APPEND_ONLY = ['AuditCheckpoint', 'AuditEvent', 'ConsentEvent'];
const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const;

async function privilegesOf(db: TestDatabase, table: string): Promise<string[]> {
  const held: string[] = [];
  for (const privilege of PRIVILEGES) {
    const [row] = await db.owner.prisma.$queryRawUnsafe<{ ok: boolean }[]>(
      'SELECT has_table_privilege($1, $2, $3) AS ok',
      'lupa_app',
      `public."${table}"`,
      privilege,
    );
    if (row?.ok) held.push(privilege);
  }
  return held;
}

/** Runs statements as lupa_app in one transaction of the owner's connection. */
function asAppRole(db: TestDatabase, ...statements: string[]) {
  const prisma = db.owner.prisma;
  return prisma.$transaction([
    prisma.$executeRawUnsafe('SET LOCAL ROLE lupa_app'),
    ...statements.map((sql) => prisma.$executeRawUnsafe(sql)),
  ]);
}

describe('lupa_app privileges after the migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('grants every table: read-write, append-only tables INSERT and SELECT, the history SELECT', async () => {
    const tables = (
      await db.owner.prisma.$queryRawUnsafe<{ name: string }[]>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).map((t) => t.name);
    // The tables added after the first grants are among them.
    expect(tables).toEqual(
      expect.arrayContaining(['Campaign', 'CampaignSend', 'CampaignResponse', '_prisma_migrations']),
    );
    const actual: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const table of tables) {
      actual[table] = await privilegesOf(db, table);
      expected[table] =
        table === '_prisma_migrations'
          ? ['SELECT']
          : APPEND_ONLY.includes(table)
            ? ['SELECT', 'INSERT']
            : ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
    }
    expect(actual).toEqual(expected);
  });

  it('refuses lupa_app any write to _prisma_migrations', async () => {
    for (const sql of [
      'DELETE FROM "_prisma_migrations"',
      `UPDATE "_prisma_migrations" SET "rolled_back_at" = now()`,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'x', 'x')`,
    ]) {
      await expect(asAppRole(db, sql), sql).rejects.toThrow(/permission denied/);
    }
  });

  it('gives lupa_app the tables a later migration creates (default privileges of the migrating role)', async () => {
    await db.owner.prisma.$executeRawUnsafe('CREATE TABLE "LaterFeature" (id integer PRIMARY KEY, note text)');
    try {
      expect(await privilegesOf(db, 'LaterFeature')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
      await asAppRole(
        db,
        `INSERT INTO "LaterFeature" VALUES (1, 'a')`,
        `UPDATE "LaterFeature" SET note = 'b' WHERE id = 1`,
        'DELETE FROM "LaterFeature" WHERE id = 1',
      );
    } finally {
      await db.owner.prisma.$executeRawUnsafe('DROP TABLE "LaterFeature"');
    }
  });
});

describe(`campaigns for an app connected as lupa_app (${usingPostgres ? 'a login role' : 'SET ROLE on PGlite'})`, () => {
  let t: TestApp;
  let role: string;

  beforeAll(async () => {
    if (usingPostgres) {
      role = appRole ?? (await ensureLoginRole('lupa_test_login'));
      t = await createTestApp({ residents: 30, appRole: role });
    } else {
      // PGlite has one session: from here on, every statement of the app runs as lupa_app.
      role = 'lupa_app';
      t = await createTestApp({ residents: 30 });
      await t.db.pglite?.exec('SET ROLE lupa_app');
    }
  });
  afterAll(() => t.close());

  it('creates and lists campaigns', async () => {
    const [me] = await t.db.prisma.$queryRawUnsafe<{ name: string }[]>('SELECT current_user AS name');
    expect(me?.name).toBe(role);
    const planning = await t.registerServiceClient('city-planning');
    const campaignId = await createCampaign(t, await planning.token('neighbourhood-participation'), {
      name: 'Puisto Rantalaan',
      audience: { district: 'Rantala' },
    });
    const { token } = await t.officerToken('OFFICER');
    const listed = dataOf((await t.graphql(CAMPAIGNS, {}, token)).body).campaigns as {
      edges: { node: { id: string; name: string } }[];
    };
    expect(listed.edges.map((e) => [e.node.id, e.node.name])).toEqual([[campaignId, 'Puisto Rantalaan']]);
  });
});

/** A login role in lupa_app on DATABASE_URL's server, as the README tells a deployment to make. */
async function ensureLoginRole(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    // Test files run in parallel: a role another file made a moment ago is fine.
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lupa_app') THEN CREATE ROLE lupa_app NOLOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${name} LOGIN IN ROLE lupa_app; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  } finally {
    await client.end();
  }
  return name;
}
