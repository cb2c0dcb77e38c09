// What production refuses to start without, one setting at a time, and that every problem
// is named at once.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../api/src/config/index.js';
import { isLoopbackHost } from '../../../api/src/config/loopback.js';
import { productionProblems } from '../../../api/src/config/production-checks.js';

const root = mkdtempSync(join(tmpdir(), 'lupa-prod-checks-'));
const dataDir = join(root, 'data');
mkdirSync(dataDir);
const hubKeysDir = join(root, 'hub-keys');
mkdirSync(hubKeysDir);
// Only the ring file's presence is checked; the keys themselves are hub-keys.test.ts's.
writeFileSync(join(hubKeysDir, 'keys.json'), '{}');
const KEY = Buffer.alloc(32, 1).toString('base64');
const SAFE = {
  NODE_ENV: 'production',
  LUPA_DATA_DIR: dataDir,
  LUPA_PUBLIC_URL: 'https://lupa.example.fi',
  DATABASE_URL: 'postgres://lupa@db.example.invalid/lupa',
  LUPA_PIC_ENCRYPTION_KEY: KEY,
  LUPA_PIC_INDEX_KEY: KEY,
  LUPA_HUB_KEYS_DIR: hubKeysDir,
};

function problems(env: Record<string, string | undefined>): string[] {
  return productionProblems(readConfig(env), env);
}

describe('production start-up checks', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('accepts a complete, safe configuration', () => {
    expect(problems(SAFE)).toEqual([]);
  });

  it('names every missing setting at once', () => {
    const found = problems({ NODE_ENV: 'production', LUPA_DATA_DIR: dataDir });
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^LUPA_PIC_ENCRYPTION_KEY, LUPA_PIC_INDEX_KEY: not set/);
    expect(found[1]).toMatch(/^LUPA_HUB_KEYS_DIR: not set, so the hub signing keys would be inside LUPA_DATA_DIR/);
    expect(found[2]).toMatch(/^LUPA_PUBLIC_URL: not set/);
    expect(found[3]).toMatch(/^DATABASE_URL: not set.*LUPA_ALLOW_EMBEDDED_DB=1/);
  });

  it.each([
    ['only one identity-code key', { LUPA_PIC_INDEX_KEY: undefined }, /^LUPA_PIC_ENCRYPTION_KEY, LUPA_PIC_INDEX_KEY/],
    [
      'plain http to a host on the network',
      { LUPA_PUBLIC_URL: 'http://lupa.example.fi' },
      /^LUPA_PUBLIC_URL: .* not https/,
    ],
    ['plain http to a private address', { LUPA_PUBLIC_URL: 'http://10.0.0.5:4000' }, /^LUPA_PUBLIC_URL: .* not https/],
    ['embedded PGlite without consent', { DATABASE_URL: undefined }, /^DATABASE_URL: not set/],
  ])('refuses %s', (_name, change, expected) => {
    const found = problems({ ...SAFE, ...change });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it.each([
    ['http on loopback', { LUPA_PUBLIC_URL: 'http://localhost:4000' }],
    ['http on 127.0.0.1', { LUPA_PUBLIC_URL: 'http://127.0.0.1:4000' }],
    ['http on [::1]', { LUPA_PUBLIC_URL: 'http://[::1]:4000' }],
    ['PGlite when allowed', { DATABASE_URL: undefined, LUPA_ALLOW_EMBEDDED_DB: '1' }],
  ])('accepts %s', (_name, change) => {
    expect(problems({ ...SAFE, ...change })).toEqual([]);
  });

  it('takes the keys from a key file only when it lies outside LUPA_DATA_DIR, links resolved', () => {
    const outside = join(root, 'pic-keys.json');
    const inside = join(dataDir, 'pic-keys.json');
    const link = join(root, 'link-to-data');
    for (const file of [outside, inside]) writeFileSync(file, '{}');
    symlinkSync(dataDir, link);
    const withFile = (file: string) => ({
      ...SAFE,
      LUPA_PIC_ENCRYPTION_KEY: undefined,
      LUPA_PIC_INDEX_KEY: undefined,
      LUPA_PIC_KEY_FILE: file,
    });
    expect(problems(withFile(outside))).toEqual([]);
    expect(problems(withFile(inside))).toEqual([expect.stringMatching(/^LUPA_PIC_KEY_FILE: .* inside LUPA_DATA_DIR/)]);
    expect(problems(withFile(join(link, 'pic-keys.json')))).toEqual([
      expect.stringMatching(/^LUPA_PIC_KEY_FILE: .* inside LUPA_DATA_DIR/),
    ]);
  });

  it('takes the hub signing keys only from an existing ring outside LUPA_DATA_DIR, links resolved', () => {
    const emptyOutside = join(root, 'no-ring-yet');
    mkdirSync(emptyOutside);
    const insideDir = join(dataDir, 'hub');
    mkdirSync(insideDir);
    writeFileSync(join(insideDir, 'keys.json'), '{}');
    const viaLink = join(root, 'data-link', 'hub');
    symlinkSync(dataDir, join(root, 'data-link'));
    expect(problems({ ...SAFE, LUPA_HUB_KEYS_DIR: undefined })).toEqual([
      expect.stringMatching(/^LUPA_HUB_KEYS_DIR: not set, .*LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR=1/),
    ]);
    expect(problems({ ...SAFE, LUPA_HUB_KEYS_DIR: insideDir })).toEqual([
      expect.stringMatching(/^LUPA_HUB_KEYS_DIR: .*\/hub is inside LUPA_DATA_DIR/),
    ]);
    expect(problems({ ...SAFE, LUPA_HUB_KEYS_DIR: viaLink })).toEqual([
      expect.stringMatching(/^LUPA_HUB_KEYS_DIR: .* is inside LUPA_DATA_DIR/),
    ]);
    expect(problems({ ...SAFE, LUPA_HUB_KEYS_DIR: emptyOutside })).toEqual([
      expect.stringMatching(
        /^LUPA_HUB_KEYS_DIR: .*no-ring-yet holds no hub signing keys; .*`pnpm db:migrate`, then `LUPA_HUB_KEYS_DIR=.* pnpm keys:rotate`/,
      ),
    ]);
    // Explicitly allowed: the keys stay in (and are created in) the data directory.
    expect(problems({ ...SAFE, LUPA_HUB_KEYS_DIR: undefined, LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR: '1' })).toEqual([]);
  });

  it('knows loopback hosts from look-alikes', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['localhost.example.fi', '128.0.0.1', '10.0.0.1', '[::2]', 'example.fi']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
