// Finnish personal identity code (henkilötunnus): validation, encryption at rest and a
// keyed blind index. The code is never stored in the clear: AES-256-GCM protects it and an
// HMAC-SHA-256 of its normalised form lets the API find a resident by code without
// decrypting every row. The two keys are separate so leaking the index key reveals nothing
// that decrypts.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
const PIC_PATTERN = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

export interface PicKeys {
  encryptionKey: Buffer;
  blindIndexKey: Buffer;
}

export type PicValidation =
  | { valid: true; code: string; birthDate: Date; isTestRange: boolean }
  | { valid: false; problem: 'FORMAT' | 'DATE' | 'CHECKSUM' };

export function validatePic(input: string): PicValidation {
  const code = input.trim().toUpperCase();
  const match = PIC_PATTERN.exec(code);
  if (!match) return { valid: false, problem: 'FORMAT' };
  const [, dd, mm, yy, sign, individual, check] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const year = (CENTURY[sign] ?? 0) + Number(yy);
  const birthDate = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (birthDate.getUTCMonth() !== Number(mm) - 1 || birthDate.getUTCDate() !== Number(dd)) {
    return { valid: false, problem: 'DATE' };
  }
  if (Number(individual) < 2) return { valid: false, problem: 'FORMAT' };
  if (picCheckChar(`${dd}${mm}${yy}${individual}`) !== check) return { valid: false, problem: 'CHECKSUM' };
  return { valid: true, code, birthDate, isTestRange: Number(individual) >= 900 };
}

export function picCheckChar(nineDigits: string): string {
  return CHECK_CHARS[Number(nineDigits) % 31] as string;
}

/** Builds a valid code for a birth date and an individual number (900–999 for test data). */
export function formatPic(birthDate: Date, individual: number): string {
  const dd = String(birthDate.getUTCDate()).padStart(2, '0');
  const mm = String(birthDate.getUTCMonth() + 1).padStart(2, '0');
  const year = birthDate.getUTCFullYear();
  const yy = String(year % 100).padStart(2, '0');
  const sign = year >= 2000 ? 'A' : year >= 1900 ? '-' : '+';
  const nnn = String(individual).padStart(3, '0');
  return `${dd}${mm}${yy}${sign}${nnn}${picCheckChar(`${dd}${mm}${yy}${nnn}`)}`;
}

/** The century signs introduced in 2023 name the same person as the old ones. */
function normalisePic(code: string): string {
  const upper = code.trim().toUpperCase();
  const sign = upper[6] ?? '';
  const canonical = CENTURY[sign] === 1900 ? '-' : CENTURY[sign] === 2000 ? 'A' : sign;
  return `${upper.slice(0, 6)}${canonical}${upper.slice(7)}`;
}

export function blindIndexPic(code: string, keys: PicKeys): string {
  return createHmac('sha256', keys.blindIndexKey).update(normalisePic(code)).digest('base64url');
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; the version prefix allows key rotation. */
export function encryptPic(code: string, keys: PicKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptPic(sealed: string, keys: PicKeys): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('Unknown personal identity code envelope');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
