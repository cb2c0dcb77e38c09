// Keeps the officer's refresh token between runs, encrypted with the OS keychain through
// safeStorage. Where safeStorage cannot encrypt (no keyring), the token is kept in memory
// only and the officer signs in again next time: it is never written in plain text.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';

export interface StoredSession {
  server: string;
  refreshToken: string | null;
}

export interface TokenVault {
  load(): Promise<StoredSession | null>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

interface VaultFile {
  server: string;
  /** base64 of safeStorage.encryptString(refreshToken). */
  encryptedRefreshToken: string | null;
}

export function createSafeStorageVault(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  filePath: string,
): TokenVault {
  let memoryToken: string | null = null;
  return {
    async load() {
      let file: VaultFile;
      try {
        file = JSON.parse(await readFile(filePath, 'utf8')) as VaultFile;
      } catch {
        return null;
      }
      if (typeof file.server !== 'string') return null;
      let refreshToken = memoryToken;
      if (file.encryptedRefreshToken && safeStorage.isEncryptionAvailable()) {
        try {
          refreshToken = safeStorage.decryptString(Buffer.from(file.encryptedRefreshToken, 'base64'));
        } catch {
          refreshToken = null;
        }
      }
      return { server: file.server, refreshToken };
    },
    async save(session) {
      const canEncrypt = safeStorage.isEncryptionAvailable();
      memoryToken = canEncrypt ? null : session.refreshToken;
      const file: VaultFile = {
        server: session.server,
        encryptedRefreshToken:
          canEncrypt && session.refreshToken
            ? safeStorage.encryptString(session.refreshToken).toString('base64')
            : null,
      };
      await mkdir(dirname(filePath), { recursive: true });
      await writeFile(filePath, JSON.stringify(file), { mode: 0o600 });
    },
    async clear() {
      memoryToken = null;
      const previous = await this.load();
      if (previous) await this.save({ server: previous.server, refreshToken: null });
      else await rm(filePath, { force: true });
    },
  };
}
