// The statement a signed checkpoint makes: "the audit chain had head hash H at seq N, as of
// signedAt". Signed as a JWS by the hub key (the CloudTrail digest model, RFC 6962's signed
// tree head): whoever later deletes the tail of the log, or rewrites it and rehashes
// everything after, cannot produce a matching signature, so verification against the
// newest checkpoint exposes them. Signing and verifying are injected, so this file holds
// no key code and the same payload can be checked by any JWS library.
//
// Payload members, all JSON strings:
//   seq       decimal digits, no leading zeros (a bigint does not survive JSON numbers)
//   headHash  the chain's hash at seq: 64 lowercase hex digits (chain.ts)
//   signedAt  ISO 8601 UTC with milliseconds
export interface ChainCheckpoint {
  seq: bigint;
  headHash: string;
  signedAt: Date;
}

// A type alias, not an interface, so it is assignable to a JWT library's claims record.
export type CheckpointPayload = {
  seq: string;
  headHash: string;
  signedAt: string;
};

/** Signs the payload as a JWS with the hub key. */
export type SignCheckpoint = (payload: CheckpointPayload) => Promise<string>;
/** Checks a JWS's signature (and typ, issuer, audience) and returns its claims; throws if invalid. */
export type VerifyCheckpoint = (jws: string) => Promise<unknown>;

const SEQ = /^[1-9][0-9]*$/;
const HASH = /^[0-9a-f]{64}$/;

export function createCheckpointPayload(checkpoint: ChainCheckpoint): CheckpointPayload {
  // A signature is durable evidence: never sign something the verifier would refuse.
  if (checkpoint.seq < 1n) throw new RangeError('a checkpoint vouches for at least one record (seq ≥ 1)');
  if (!HASH.test(checkpoint.headHash)) throw new TypeError('headHash must be 64 lowercase hex digits');
  if (Number.isNaN(checkpoint.signedAt.getTime())) throw new TypeError('signedAt is not a valid date');
  return {
    seq: checkpoint.seq.toString(),
    headHash: checkpoint.headHash,
    signedAt: checkpoint.signedAt.toISOString(),
  };
}

export async function signCheckpoint(checkpoint: ChainCheckpoint, sign: SignCheckpoint): Promise<string> {
  return sign(createCheckpointPayload(checkpoint));
}

/**
 * The checkpoint a JWS vouches for. Throws if the signature does not verify, the payload is
 * not exactly in the form `createCheckpointPayload` produces, or it disagrees with the
 * stored row's unsigned columns (someone edited the row). Returns the signed values, so a
 * caller never relies on the unsigned copies.
 */
export async function verifyCheckpointPayload(
  jws: string,
  verify: VerifyCheckpoint,
  stored?: { seq: bigint; headHash: string },
): Promise<ChainCheckpoint> {
  const checkpoint = parseCheckpointPayload(await verify(jws));
  if (stored && (stored.seq !== checkpoint.seq || stored.headHash !== checkpoint.headHash)) {
    throw new Error(`checkpoint ${stored.seq} does not match its own signature`);
  }
  return checkpoint;
}

/** Parses verified claims strictly: one accepted spelling per value, as the signer wrote it. */
export function parseCheckpointPayload(claims: unknown): ChainCheckpoint {
  if (typeof claims !== 'object' || claims === null) throw new TypeError('checkpoint payload is not an object');
  const { seq, headHash, signedAt } = claims as Record<string, unknown>;
  if (typeof seq !== 'string' || !SEQ.test(seq))
    throw new TypeError('checkpoint seq must be a positive decimal string');
  if (typeof headHash !== 'string' || !HASH.test(headHash)) {
    throw new TypeError('checkpoint headHash must be 64 lowercase hex digits');
  }
  const date = typeof signedAt === 'string' ? new Date(signedAt) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString() !== signedAt) {
    throw new TypeError('checkpoint signedAt must be ISO 8601 UTC with milliseconds');
  }
  return { seq: BigInt(seq), headHash, signedAt: date };
}
