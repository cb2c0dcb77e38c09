// Claim shapes shared by the token kinds. jose has already checked presence (missing →
// TOKEN_MISSING_CLAIM); these check types and bounds, and a mismatch is TOKEN_INVALID.
import { z } from 'zod';
import { TokenError } from './token-error.js';

/** An identifier carried in a claim: ids, client ids, purpose slugs. Bounded, no whitespace. */
export const ZClaimIdSchema = z.string().regex(/^[\x21-\x7e]{1,255}$/);

export const ZNumericDateSchema = z.number().int().nonnegative();

export function parseClaims<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new TokenError('TOKEN_INVALID');
  return result.data;
}

export const secondsToDate = (seconds: number): Date => new Date(seconds * 1000);
