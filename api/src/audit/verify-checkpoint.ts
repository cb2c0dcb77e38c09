// Reads the newest signed checkpoint for the verifier and, when it cannot be trusted, says
// exactly why. A checkpoint that fails to verify is not a changed record: telling "these are
// not this installation's keys" or "this log was written under another public URL" apart
// from "the checkpoint was altered" keeps an operator from opening a false incident — and
// keeps a real one from being dismissed as configuration.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { type HubKeys, TokenError } from '../auth/index.js';
import { type ChainCheckpoint, readSignedCheckpoint } from './checkpoint.js';

/**
 * - CHECKPOINT_UNKNOWN_KEY: signed with a key the given hub keys do not hold (the keys of
 *   another installation, a purged key — or a checkpoint forged with someone else's key).
 * - CHECKPOINT_ISSUER_MISMATCH: signed by this installation's key under another issuer
 *   (public URL) than the one the verifier was told to expect.
 * - CHECKPOINT_INVALID: the signature does not verify with the key it names, the payload is
 *   malformed, or the row's columns differ from what its signature says: it was altered.
 */
export type CheckpointProblemKind = 'CHECKPOINT_UNKNOWN_KEY' | 'CHECKPOINT_ISSUER_MISMATCH' | 'CHECKPOINT_INVALID';

export interface CheckpointTrust {
  /** The hub keys that may have signed checkpoints; undefined when none were found. */
  keys: HubKeys | undefined;
  /**
   * The issuer every checkpoint must name. Undefined takes it from the checkpoint itself:
   * the issuer identifies the hub, but only the signature by one of `keys` vouches for the
   * record, so a log written under another public URL still verifies.
   */
  issuer?: string | undefined;
}

export interface CheckpointSigner {
  /** The `iss` the checkpoint names, if it could be read. */
  issuer: string | undefined;
  /** The `kid` of the key it names, if it could be read. */
  kid: string | undefined;
}

export type CheckpointReading =
  | ({ ok: true; checkpoint: ChainCheckpoint } & CheckpointSigner)
  | ({ ok: false; seq: bigint; kind: CheckpointProblemKind; message: string } & CheckpointSigner);

export async function readCheckpointWith(
  trust: CheckpointTrust,
  row: { seq: bigint; headHash: string; jws: string },
): Promise<CheckpointReading> {
  const signer = readSigner(row.jws);
  const fail = (kind: CheckpointProblemKind, message: string): CheckpointReading => ({
    ok: false,
    seq: row.seq,
    kind,
    message: `the checkpoint at ${row.seq} ${message}`,
    issuer: signer?.issuer,
    kid: signer?.kid,
  });
  if (!signer) return fail('CHECKPOINT_INVALID', 'is not a readable signed statement');
  const key = signer.kid ?? '(none named)';
  if (!trust.keys) return fail('CHECKPOINT_UNKNOWN_KEY', `is signed with key ${key}, and no hub keys were found`);
  if (signer.issuer === undefined) return fail('CHECKPOINT_INVALID', 'names no issuer');
  if (trust.issuer !== undefined && signer.issuer !== trust.issuer) {
    return fail(
      'CHECKPOINT_ISSUER_MISMATCH',
      `was signed by issuer ${signer.issuer}, but the expected issuer is ${trust.issuer}`,
    );
  }
  const issuer = trust.issuer ?? signer.issuer;
  try {
    const hub = { keys: trust.keys, issuer, graphqlUrl: `${issuer}/graphql` };
    return { ok: true, checkpoint: await readSignedCheckpoint(hub, row), ...signer };
  } catch (error) {
    if (error instanceof TokenError && error.code === 'TOKEN_UNKNOWN_KEY') {
      return fail('CHECKPOINT_UNKNOWN_KEY', `is signed with key ${key}, which is not among the given hub keys`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    return fail('CHECKPOINT_INVALID', `is signed with key ${key} but does not verify: ${reason}`);
  }
}

// Unverified: only to choose the key and report what the checkpoint claims; the signature
// is checked before anything it says is believed.
function readSigner(jws: string): CheckpointSigner | undefined {
  try {
    const { kid } = decodeProtectedHeader(jws);
    const { iss } = decodeJwt(jws);
    return { kid: typeof kid === 'string' ? kid : undefined, issuer: typeof iss === 'string' ? iss : undefined };
  } catch {
    return undefined;
  }
}
