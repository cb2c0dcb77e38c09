// Officer passwords: argon2id with the OWASP Password Storage Cheat Sheet's first
// recommended parameter set — m = 19456 KiB (19 MiB), t = 2 passes, p = 1 lane, 32-byte
// output, 16-byte random salt — written out here rather than left to the library's
// defaults, so a dependency update cannot weaken them silently. The PHC string records
// them per hash; needsRehash() tells the login code to upgrade a hash after a change.
import type { Algorithm } from '@node-rs/argon2';
import { hash, parseOptions, verify } from '@node-rs/argon2';

// @node-rs/argon2 declares Algorithm as an ambient const enum, which isolatedModules
// cannot read; 2 is its Argon2id member.
const ARGON2ID = 2 as Algorithm.Argon2id;

export const ARGON2_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/** NIST SP 800-63B rev. 4 §3.1.1.2: at least 15 characters when the password is the only factor. */
export const PASSWORD_MIN_LENGTH = 15;
/** Long enough for any passphrase; bounded so a login cannot be made expensive on purpose. */
export const PASSWORD_MAX_LENGTH = 1024;

// NFKC so the same passphrase typed on another keyboard or OS still matches (NIST asks for
// Unicode normalisation before hashing).
const normalise = (password: string): string => password.normalize('NFKC');

export async function hashPassword(password: string): Promise<string> {
  const normalised = normalise(password);
  if (normalised.length < PASSWORD_MIN_LENGTH || normalised.length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`A password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  return hash(normalised, ARGON2_PARAMETERS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True only if `password` matches `storedHash`. With no stored hash (unknown email,
 * disabled officer) it still runs one argon2 verification, so response time does not tell
 * an attacker which accounts exist. A malformed stored hash fails closed.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const normalised = normalise(password);
  if (!storedHash || normalised.length > PASSWORD_MAX_LENGTH) {
    dummyHash ??= hash('lupa-timing-equaliser-not-a-password', ARGON2_PARAMETERS);
    await verify(await dummyHash, normalised.slice(0, PASSWORD_MAX_LENGTH)).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, normalised);
  } catch {
    return false;
  }
}

/** True when `storedHash` was made with other parameters than ARGON2_PARAMETERS. */
export function needsRehash(storedHash: string): boolean {
  try {
    const used = parseOptions(storedHash);
    return (
      used.algorithm !== ARGON2_PARAMETERS.algorithm ||
      used.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
      used.timeCost !== ARGON2_PARAMETERS.timeCost ||
      used.parallelism !== ARGON2_PARAMETERS.parallelism ||
      used.outputLen !== ARGON2_PARAMETERS.outputLen
    );
  } catch {
    return true;
  }
}
