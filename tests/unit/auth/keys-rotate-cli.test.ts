// `pnpm keys:rotate` as an operator runs it: a real process on a real data directory, with
// the embedded database the rotation is audited in (the server stopped, as on PGlite it must be).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { applyMigrations, openDatabase } from '@lupa/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');

describe('keys:rotate', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-cli-'));
    const db = await openDatabase({ config: { url: undefined, dataDir } });
    try {
      await applyMigrations(db);
    } finally {
      await db.close();
    }
  }, 60_000);
  afterEach(() => {
    rmSync(join(dataDir, 'keys'), { recursive: true, force: true });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const rotate = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LUPA_DATA_DIR: dataDir };
    delete env.DATABASE_URL; // the data directory's own embedded database
    return run(process.execPath, ['--import', 'tsx', 'api/src/cli/keys-rotate.ts', ...args], { cwd: repo, env });
  };
  async function keyEvents() {
    const db = await openDatabase({ config: { url: undefined, dataDir } });
    try {
      return await db.prisma.auditEvent.findMany({ where: { kind: { startsWith: 'keys.' } }, orderBy: { seq: 'asc' } });
    } finally {
      await db.close();
    }
  }
  const privateDs = () =>
    readdirSync(join(dataDir, 'keys'))
      .filter((name) => name.endsWith('.private.json'))
      .map((name) => (JSON.parse(readFileSync(join(dataDir, 'keys', name), 'utf8')) as { d: string }).d);
  const rows = (stdout: string) => stdout.split('\n').filter((line) => /^(next|current|retired) /.test(line));

  it('creates, then rotates, printing kids and states but no key material', { timeout: 60_000 }, async () => {
    const created = await rotate();
    expect(created.stdout).toMatch(/^Created the first hub keys in /);
    expect(rows(created.stdout).map((row) => row.split(/\s+/)[0])).toEqual(['next', 'current']);
    const secretsBefore = privateDs();
    expect(secretsBefore).toHaveLength(2);

    const rotated = await rotate();
    expect(rotated.stdout).toMatch(/^Rotated the hub keys in /);
    const after = rows(rotated.stdout).map((row) => row.split(/\s+/).slice(0, 2));
    expect(after.map(([state]) => state)).toEqual(['next', 'current', 'retired']);
    const [createdNext, createdCurrent] = rows(created.stdout).map((row) => row.split(/\s+/)[1]);
    expect(after[1]?.[1]).toBe(createdNext);
    expect(after[2]?.[1]).toBe(createdCurrent);

    for (const secret of [...secretsBefore, ...privateDs()]) {
      expect(created.stdout + rotated.stdout + created.stderr + rotated.stderr).not.toContain(secret);
    }
    // The creation, then the rotation, are in the audit log, by the operator: public kids only.
    const events = await keyEvents();
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'keys.create',
        actorKind: 'SYSTEM',
        payload: expect.objectContaining({ kid: createdCurrent, nextKid: createdNext, recordedLate: false }),
      }),
      expect.objectContaining({
        kind: 'keys.rotate',
        actorKind: 'SYSTEM',
        payload: expect.objectContaining({ kid: createdNext }),
      }),
    ]);
    for (const event of events) expect(event.actorId).toMatch(/^cli:keys-rotate:/);
  });

  it('before pnpm db:migrate, says to run it first and creates no keys', { timeout: 60_000 }, async () => {
    const unmigrated = mkdtempSync(join(tmpdir(), 'lupa-cli-unmigrated-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, LUPA_DATA_DIR: unmigrated };
      delete env.DATABASE_URL;
      const attempt = run(process.execPath, ['--import', 'tsx', 'api/src/cli/keys-rotate.ts'], { cwd: repo, env });
      await expect(attempt).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(
          /^keys:rotate: the database has \d+ migration\(s\) not applied .*`pnpm db:migrate` first/,
        ),
      });
      expect(readdirSync(unmigrated)).not.toContain('keys');
    } finally {
      rmSync(unmigrated, { recursive: true, force: true });
    }
  });

  it('lists without rotating, and refuses to purge a key that is not retired', { timeout: 60_000 }, async () => {
    await rotate();
    const listed = await rotate('--list');
    expect(rows(listed.stdout)).toHaveLength(2);
    const current = rows(listed.stdout)[1]?.split(/\s+/)[1] ?? '';
    await expect(rotate(`--purge=${current}`)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/only retired/),
    });
  });
});
