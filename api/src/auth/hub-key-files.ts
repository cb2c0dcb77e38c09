// Hub keys on disk, one directory (default `${LUPA_DATA_DIR}/keys`, mode 0700):
//   keys.json             the ring — kids, states, dates, public JWKs (no secrets)
//   <kid>.private.json    a private JWK, mode 0600, only for the next and current keys
//   keys.lock             held while creating, rotating or purging
// Private files are written before the ring names them and deleted only after the ring
// stops naming them; the ring is replaced by an atomic rename, so a reader sees the old
// set or the new one, never half of each. Several API processes may share the directory.
import { randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { KID_PATTERN, ZHubKeyRecordSchema } from './hub-key-ring.js';
import {
  type HubKeyStorage,
  HubKeys,
  type HubPrivateJwk,
  type StoredHubKeys,
  ZHubPrivateJwkSchema,
} from './hub-keys.js';

const RING_FILE = 'keys.json';
const LOCK_FILE = 'keys.lock';
const PRIVATE_FILE = /^([A-Za-z0-9_-]{43})\.private\.json$/;
const LOCK_WAIT_MS = 10_000;

const ZRingFileSchema = z.strictObject({ version: z.literal(1), keys: z.array(ZHubKeyRecordSchema) });

/** LUPA_HUB_KEYS_DIR, or `${LUPA_DATA_DIR:-.lupa/data}/keys` (as config/index.ts reads it). */
export function resolveHubKeysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LUPA_HUB_KEYS_DIR ? resolve(env.LUPA_HUB_KEYS_DIR) : resolve(env.LUPA_DATA_DIR ?? '.lupa/data', 'keys');
}

/** The file whose presence means a key ring exists in `dir` (production never creates one). */
export const HUB_KEY_RING_FILE = RING_FILE;

/** Opens the hub keys in `dir`, creating the directory and a current and next key on first start. */
export function loadHubKeys(dir: string, options: { now?: Date } = {}): Promise<HubKeys> {
  return HubKeys.open(createFileHubKeyStorage(dir), options);
}

export async function hasHubKeys(dir: string): Promise<boolean> {
  return (await statOrUndefined(join(dir, RING_FILE))) !== undefined;
}

export function createFileHubKeyStorage(dir: string): HubKeyStorage {
  const ringPath = join(dir, RING_FILE);
  return {
    async read() {
      // A rotation in another process may delete a retired key's private file between our
      // reading the ring and reading that file; the ring has changed by then, so read again.
      try {
        return await readStored(dir);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        return readStored(dir);
      }
    },
    async stamp() {
      const info = await statOrUndefined(ringPath);
      return info ? `${info.ino}:${info.mtimeNs}:${info.size}` : 'absent';
    },
    async exclusive(fn) {
      await ensureKeyDir(dir);
      const release = await acquireLock(join(dir, LOCK_FILE));
      try {
        return await fn();
      } finally {
        await release();
      }
    },
    async write({ records, privateJwks }) {
      await ensureKeyDir(dir);
      for (const [kid, jwk] of privateJwks) {
        const path = privateKeyPath(dir, kid);
        if (!(await statOrUndefined(path))) await writeOwnerOnlyFile(path, `${JSON.stringify(jwk)}\n`);
      }
      const temporary = join(dir, `.${RING_FILE}.${randomUUID()}.tmp`);
      await writeOwnerOnlyFile(temporary, `${JSON.stringify({ version: 1, keys: records }, null, 2)}\n`);
      await rename(temporary, ringPath);
      await syncDirectory(dir);
      for (const name of await readdir(dir)) {
        const kid = PRIVATE_FILE.exec(name)?.[1];
        if (kid && !privateJwks.has(kid)) await unlink(join(dir, name));
      }
    },
  };
}

async function readStored(dir: string): Promise<StoredHubKeys | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RING_FILE), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const { keys: records } = ZRingFileSchema.parse(JSON.parse(text));
  const privateJwks = new Map<string, HubPrivateJwk>();
  for (const { kid, state } of records) {
    if (state === 'retired') continue;
    const path = privateKeyPath(dir, kid);
    await assertOwnerOnlyFile(path);
    privateJwks.set(kid, ZHubPrivateJwkSchema.parse(JSON.parse(await readFile(path, 'utf8'))));
  }
  return { records, privateJwks };
}

// The kid comes from our own ring file, but the ring file is still input: a path is only
// ever built from a kid that is a bare thumbprint, so no `../` can reach outside `dir`.
function privateKeyPath(dir: string, kid: string): string {
  if (!KID_PATTERN.test(kid)) throw new Error('Refusing a hub key file name that is not a key thumbprint');
  return join(dir, `${kid}.private.json`);
}

// Like ssh with its identity files: a private key others can read, or a symlink that could
// point anywhere, is refused rather than used.
async function assertOwnerOnlyFile(path: string): Promise<void> {
  const info = await lstat(path);
  if (!info.isFile()) throw new Error(`Hub private key ${path} is not a regular file`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new Error(`Hub private key ${path} is accessible to other users; run chmod 600 on it`);
  }
}

async function ensureKeyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

// 'wx' never follows or overwrites an existing file; sync so a power cut after the rename
// cannot leave a ring that names an empty key file.
async function writeOwnerOnlyFile(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function acquireLock(path: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`, 'utf8');
      await handle.close();
      return () => unlink(path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      if (Date.now() > deadline) {
        throw new Error(`Hub keys are locked by ${path}; if no rotation is running, delete that file`);
      }
      await sleep(50);
    }
  }
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path, { bigint: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
