import { verifyAuditLog } from '../audit/verify-log.js';
import { builder } from './builder.js';

const ChainBreakKind = builder.enumType('AuditChainBreak', {
  values: ['HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'SEQUENCE_GAP', 'TRUNCATED'] as const,
});

interface VerificationView {
  ok: boolean;
  verified: number;
  headSeq: string | null;
  firstBrokenSeq: string | null;
  kind: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'TRUNCATED' | null;
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
      const result = await verifyAuditLog(ctx.prisma, ctx.hub);
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
