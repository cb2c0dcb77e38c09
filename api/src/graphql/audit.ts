import { verifyAuditLog } from '../audit/verify-log.js';
import { builder } from './builder.js';

const BREAK_KINDS = [
  'HASH_MISMATCH',
  'PREV_HASH_MISMATCH',
  'SEQUENCE_GAP',
  'TRUNCATED',
  'CHECKPOINT_UNKNOWN_KEY',
  'CHECKPOINT_ISSUER_MISMATCH',
  'CHECKPOINT_INVALID',
] as const;

const ChainBreakKind = builder.enumType('AuditChainBreak', {
  description:
    'What broke: a record (the first four, at firstBrokenSeq) or the newest signed checkpoint (CHECKPOINT_*: ' +
    'signed with a key this hub does not hold, under another issuer, or altered; firstBrokenSeq is then null).',
  values: BREAK_KINDS,
});

interface VerificationView {
  ok: boolean;
  verified: number;
  headSeq: string | null;
  firstBrokenSeq: string | null;
  kind: (typeof BREAK_KINDS)[number] | null;
  message: string | null;
  checkpointSeq: string | null;
}

const AuditChainVerification = builder.objectRef<VerificationView>('AuditChainVerification').implement({
  description: 'The result of checking every audit record against the hash chain and the last signed checkpoint.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    verified: t.exposeInt('verified', { description: 'Records checked before the first break (all of them when ok).' }),
    headSeq: t.exposeString('headSeq', { nullable: true }),
    firstBrokenSeq: t.exposeString('firstBrokenSeq', { nullable: true }),
    kind: t.expose('kind', { type: ChainBreakKind, nullable: true }),
    message: t.exposeString('message', { nullable: true }),
    checkpointSeq: t.exposeString('checkpointSeq', { nullable: true }),
  }),
});

builder.queryField('verifyAuditChain', (t) =>
  t.field({
    type: AuditChainVerification,
    authScopes: { scope: 'audit:verify' },
    resolve: async (_root, _args, ctx) => {
      // The server knows its own issuer: a checkpoint signed under another is reported as such.
      const result = await verifyAuditLog(ctx.prisma, ctx.hub);
      if (!result.ok && !('firstBrokenSeq' in result)) {
        return {
          ok: false,
          verified: result.verified,
          headSeq: result.head.seq.toString(),
          firstBrokenSeq: null,
          kind: result.kind,
          message: result.message,
          checkpointSeq: result.checkpointSeq.toString(),
        };
      }
      return result.ok
        ? {
            ok: true,
            verified: result.verified,
            headSeq: result.head.seq.toString(),
            firstBrokenSeq: null,
            kind: null,
            message: null,
            checkpointSeq: result.checkpointSeq?.toString() ?? null,
          }
        : {
            ok: false,
            verified: result.verified,
            headSeq: null,
            firstBrokenSeq: result.firstBrokenSeq.toString(),
            kind: result.kind,
            message: result.message,
            checkpointSeq: result.checkpointSeq?.toString() ?? null,
          };
    },
  }),
);
