// When the sequencer signs the chain head. A tail deleted after the newest checkpoint goes
// unnoticed, so the policy bounds that window both in events and in time; a quiet log
// (no new events) needs no new signature, since its head is already vouched for.
export interface CheckpointPolicy {
  /** Sign once this many events were appended since the last checkpoint (≥ 1). */
  everyEvents: number;
  /** …or once this long has passed with at least one new event (> 0; Infinity turns it off). */
  everyMs: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyEvents: 1000, everyMs: 60_000 };

export interface CheckpointDue {
  eventsSinceLast: number;
  msSinceLast: number;
}

export function shouldCheckpoint(since: CheckpointDue, policy: CheckpointPolicy): boolean {
  // A NaN or zero here would silently stop checkpoints (or sign on every batch forever):
  // fail loudly instead, since the checkpoint is what catches a deleted tail.
  if (!(policy.everyEvents >= 1)) throw new RangeError('checkpoint policy: everyEvents must be ≥ 1');
  if (!(policy.everyMs > 0)) throw new RangeError('checkpoint policy: everyMs must be > 0');
  if (since.eventsSinceLast <= 0) return false;
  return since.eventsSinceLast >= policy.everyEvents || since.msSinceLast >= policy.everyMs;
}
