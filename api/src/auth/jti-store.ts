// Remembers the jti of every accepted client assertion until it expires, so an assertion
// is accepted once (RFC 7523 §3 item 7). With several API processes the store must be
// shared — the lead's Prisma implementation inserts into ClientAssertionJti and treats a
// unique-key violation as "seen"; it must be one atomic insert-if-absent, never a read
// followed by a write, or two concurrent replays both get through.

export interface RememberJtiInput {
  jti: string;
  /** The client the assertion came from (for the record; jtis are unique across clients). */
  clientId: string;
  /** Until when the jti must be remembered: the assertion's exp plus the clock tolerance. */
  expiresAt: Date;
  /** The verifier's clock; entries that expired before it may be forgotten. */
  now: Date;
}

export interface JtiStore {
  /** True if the jti was new and is now remembered; false if it was already seen. */
  remember(input: RememberJtiInput): Promise<boolean>;
}

export function createMemoryJtiStore(): JtiStore {
  const seen = new Map<string, number>();
  return {
    async remember({ jti, expiresAt, now }) {
      for (const [key, until] of seen) if (until <= now.getTime()) seen.delete(key);
      if (seen.has(jti)) return false;
      seen.set(jti, expiresAt.getTime());
      return true;
    },
  };
}
