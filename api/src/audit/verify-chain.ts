// Verification of the audit hash chain (construction in chain.ts). It walks the records in
// sequence order, holding only the previous hash, and stops at the first broken link: the
// first record that disagrees with everything before it is where the history was altered,
// and nothing after it can be trusted.
import { type ChainedAuditRecord, type ChainHead, computeAuditHash, GENESIS_HEAD } from './chain.js';

/**
 * - HASH_MISMATCH: the record's stored hash is not the hash of its contents (it was changed
 *   in place), or its hash differs from the signed checkpoint at that seq.
 * - PREV_HASH_MISMATCH: the record does not follow from the record before it (the one
 *   before was replaced and rehashed, or records were swapped).
 * - SEQUENCE_GAP: the next record does not carry the next seq (a record was removed, or
 *   records arrive out of order).
 * - TRUNCATED: the records end before the seq a signed checkpoint vouches for.
 */
export type ChainBreakKind = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'TRUNCATED';

export interface ChainIntact {
  ok: true;
  /** Records checked (after `startAfter`, if given). */
  verified: number;
  /** The last verified record, or the starting point when there were none. */
  head: ChainHead;
}

export interface ChainBroken {
  ok: false;
  /** Records that verified before the break. */
  verified: number;
  firstBrokenSeq: bigint;
  kind: ChainBreakKind;
  /**
   * What the chain required and what was found: hashes for the two mismatches (for a
   * checkpoint mismatch, the signed head hash and the stored one), decimal seqs for a gap
   * or a truncation (expected = the checkpoint's seq, actual = the last seq present).
   * Absent when the record could not be encoded at all.
   */
  expected?: string;
  actual?: string;
  message: string;
}

export type ChainVerification = ChainIntact | ChainBroken;

export interface VerifyChainOptions {
  /** Verify from a trusted point instead of the genesis, e.g. an earlier verified head. */
  startAfter?: ChainHead;
  /** A signed head: the records must reach `seq`, and the record there must have `headHash`. */
  checkpoint?: { seq: bigint; headHash: string };
  /** Called with the running count every `progressEvery` records and once when the walk ends intact. */
  onProgress?: (verifiedCount: number) => void;
  progressEvery?: number;
}

/** Records one by one, or in pages (e.g. one page per database round trip). */
export type AuditRecordSource =
  | Iterable<ChainedAuditRecord | readonly ChainedAuditRecord[]>
  | AsyncIterable<ChainedAuditRecord | readonly ChainedAuditRecord[]>;

/**
 * Reports the first broken link. Which seq it names, per attack:
 * - a row changed in place → that row (HASH_MISMATCH);
 * - a row changed and rehashed → the NEXT row (PREV_HASH_MISMATCH): the rehashed row is
 *   self-consistent, and only its successor still remembers the original hash. If the
 *   attacker rehashed every later row too, the first signed checkpoint at or after the
 *   change names its own seq (HASH_MISMATCH); rows after the newest checkpoint are only
 *   as safe as the chain itself, which is why checkpoints are signed regularly;
 * - a row removed → the removed seq (SEQUENCE_GAP); rows swapped → the lower seq;
 * - rows removed from the end → the first missing seq, if a checkpoint vouches for it.
 * Memory stays constant however many records the source yields.
 */
export async function verifyChain(
  source: AuditRecordSource,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const walk = createChainWalk(options);
  const early = walk.begin();
  if (early) return early;
  if (Symbol.asyncIterator in source) {
    for await (const item of source) {
      const result = walk.take(item);
      if (result) return result;
    }
  } else {
    // A plain iterable is walked without an await per record.
    for (const item of source) {
      const result = walk.take(item);
      if (result) return result;
    }
  }
  return walk.end();
}

function createChainWalk(options: VerifyChainOptions) {
  const start = options.startAfter ?? GENESIS_HEAD;
  const { checkpoint, onProgress } = options;
  const progressEvery = options.progressEvery ?? 10_000;
  if (!Number.isInteger(progressEvery) || progressEvery < 1) {
    throw new RangeError('progressEvery must be an integer ≥ 1');
  }
  let head: ChainHead = start;
  let verified = 0;
  let reported = -1;

  const broken = (seq: bigint, kind: ChainBreakKind, message: string, found?: Found): ChainBroken => ({
    ok: false,
    verified,
    firstBrokenSeq: seq,
    kind,
    message,
    ...found,
  });

  function check(record: ChainedAuditRecord): ChainBroken | undefined {
    const seq = head.seq + 1n;
    if (record.seq !== seq) {
      const found = { expected: `${seq}`, actual: `${record.seq}` };
      return broken(seq, 'SEQUENCE_GAP', `record ${seq} is missing (found ${record.seq} in its place)`, found);
    }
    // The link is checked before the contents so that a rehashed predecessor is named
    // here, at the first record that can tell.
    if (record.prevHash !== head.hash) {
      const found = { expected: head.hash, actual: record.prevHash };
      return broken(seq, 'PREV_HASH_MISMATCH', `record ${seq} does not follow from record ${head.seq}`, found);
    }
    const hash = hashOrUndefined(record);
    if (hash === undefined) {
      return broken(seq, 'HASH_MISMATCH', `record ${seq} has no canonical encoding (corrupt row)`);
    }
    if (hash !== record.hash) {
      const found = { expected: hash, actual: record.hash };
      return broken(seq, 'HASH_MISMATCH', `record ${seq} was changed after it was written`, found);
    }
    if (checkpoint && seq === checkpoint.seq && record.hash !== checkpoint.headHash) {
      const found = { expected: checkpoint.headHash, actual: record.hash };
      return broken(seq, 'HASH_MISMATCH', `record ${seq} differs from the signed checkpoint`, found);
    }
    head = { seq, hash: record.hash };
    verified += 1;
    if (verified % progressEvery === 0) {
      onProgress?.(verified);
      reported = verified;
    }
    return undefined;
  }

  return {
    begin(): ChainBroken | undefined {
      if (!checkpoint || checkpoint.seq > start.seq) return undefined;
      // A checkpoint the walk never reaches must not look as if it had been checked.
      if (checkpoint.seq < start.seq) throw new RangeError('the checkpoint lies before the starting point');
      if (checkpoint.headHash === start.hash) return undefined;
      const found = { expected: checkpoint.headHash, actual: start.hash };
      return broken(start.seq, 'HASH_MISMATCH', 'the starting point differs from the signed checkpoint', found);
    },
    take(item: ChainedAuditRecord | readonly ChainedAuditRecord[]): ChainBroken | undefined {
      if (!isPage(item)) return check(item);
      for (const record of item) {
        const result = check(record);
        if (result) return result;
      }
      return undefined;
    },
    end(): ChainVerification {
      if (checkpoint && checkpoint.seq > head.seq) {
        const message = `the log ends at ${head.seq} but a signed checkpoint vouches for ${checkpoint.seq}`;
        return broken(head.seq + 1n, 'TRUNCATED', message, { expected: `${checkpoint.seq}`, actual: `${head.seq}` });
      }
      if (reported !== verified) onProgress?.(verified);
      return { ok: true, verified, head };
    },
  };
}

type Found = { expected: string; actual: string };

function isPage(item: ChainedAuditRecord | readonly ChainedAuditRecord[]): item is readonly ChainedAuditRecord[] {
  return Array.isArray(item);
}

// A row altered into something unencodable (a number where a string belongs, a broken
// fieldsDenied) is tampering to report at that row, not an error that stops the audit.
function hashOrUndefined(record: ChainedAuditRecord): string | undefined {
  try {
    return computeAuditHash(record.prevHash, record.seq, record);
  } catch {
    return undefined;
  }
}
