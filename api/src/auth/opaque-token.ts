// Opaque bearer secrets: magic links, resident session cookies and officer refresh
// tokens. Opaque rather than JWT because each is looked up in the database anyway and
// must be revocable at once (logout, single-use links); a JWT would add nothing but a
// second thing to keep in sync.
//
// 32 random bytes (256 bits, over the ≥128 bits OWASP asks for) from the OS CSPRNG,
// base64url. Only hashToken(token) is stored. A plain SHA-256 suffices — no salt, no slow
// hash — because the input is uniformly random: a leaked table cannot be brute-forced
// back to a token, and the lookup by hash is an ordinary indexed equality.
import { createHash, randomBytes } from 'node:crypto';

/** SECURITY.md: a magic link is single use and lives at most 15 minutes. */
export const MAGIC_LINK_LIFETIME_SECONDS = 15 * 60;

const OPAQUE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of the token: what the database stores and looks up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Rejects anything that cannot be one of our tokens before it reaches a hash or a query. */
export function isOpaqueToken(value: unknown): value is string {
  return typeof value === 'string' && OPAQUE_TOKEN_PATTERN.test(value);
}
