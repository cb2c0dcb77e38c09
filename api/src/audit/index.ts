// The pure core of the tamper-evident audit log: canonical encoding, hash chain,
// verification, checkpoint payloads and policy. No database, no keys — the sequencer
// (sequencer.ts), the hub-signed checkpointer (checkpoint.ts) and the stored-log verifier
// (verify-log.ts) build on these and are imported from their own files.
export { type CanonicalValue, canonicalize } from './canonical.js';
export {
  type AuditActorKind,
  type AuditOutcome,
  type AuditRecordInput,
  type ChainedAuditRecord,
  type ChainHead,
  chainRecords,
  computeAuditHash,
  GENESIS_HASH,
  GENESIS_HEAD,
} from './chain.js';
export {
  type ChainCheckpoint,
  type CheckpointPayload,
  createCheckpointPayload,
  parseCheckpointPayload,
  type SignCheckpoint,
  signCheckpoint,
  type VerifyCheckpoint,
  verifyCheckpointPayload,
} from './checkpoint-payload.js';
export {
  type CheckpointDue,
  type CheckpointPolicy,
  DEFAULT_CHECKPOINT_POLICY,
  shouldCheckpoint,
} from './checkpoint-policy.js';
export {
  type AuditRecordSource,
  type ChainBreakKind,
  type ChainBroken,
  type ChainIntact,
  type ChainVerification,
  type VerifyChainOptions,
  verifyChain,
} from './verify-chain.js';
