// Data-protection keys. In production they come from the environment (a secrets manager) or
// from a key file kept apart from the data (LUPA_PIC_KEY_FILE); on a developer's machine
// they are generated once into the data directory, readable only by the owner, so
// `pnpm start` needs no setup and nothing secret is ever committed. Production never
// generates them: keys beside the database would hand both to whoever copies the volume.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PicKeys } from './pic.js';

interface StoredSecrets {
  picEncryptionKey: string;
  picBlindIndexKey: string;
}

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}

export function loadPicKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): PicKeys {
  if (env.LUPA_PIC_ENCRYPTION_KEY || env.LUPA_PIC_INDEX_KEY) {
    if (!env.LUPA_PIC_ENCRYPTION_KEY || !env.LUPA_PIC_INDEX_KEY) {
      throw new Error('Set both LUPA_PIC_ENCRYPTION_KEY and LUPA_PIC_INDEX_KEY, or neither');
    }
    return {
      encryptionKey: decodeKey('LUPA_PIC_ENCRYPTION_KEY', env.LUPA_PIC_ENCRYPTION_KEY),
      blindIndexKey: decodeKey('LUPA_PIC_INDEX_KEY', env.LUPA_PIC_INDEX_KEY),
    };
  }
  if (env.LUPA_PIC_KEY_FILE) return readKeyFile(env.LUPA_PIC_KEY_FILE);
  if (env.NODE_ENV === 'production') {
    throw new Error('Production needs LUPA_PIC_ENCRYPTION_KEY and LUPA_PIC_INDEX_KEY, or LUPA_PIC_KEY_FILE');
  }
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const fresh: StoredSecrets = {
      picEncryptionKey: randomBytes(32).toString('base64'),
      picBlindIndexKey: randomBytes(32).toString('base64'),
    };
    // 'wx' never overwrites: two processes starting at once cannot replace each other's keys.
    try {
      writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readKeyFile(file);
}

/** A key file has the shape of the generated secrets.json: two base64 keys. */
function readKeyFile(file: string): PicKeys {
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  return {
    encryptionKey: decodeKey('picEncryptionKey', stored.picEncryptionKey),
    blindIndexKey: decodeKey('picBlindIndexKey', stored.picBlindIndexKey),
  };
}
