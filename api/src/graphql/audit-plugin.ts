// Every response that carries personal data is preceded by its audit record: when
// execution is done, what the request read is appended to the audit log and only then is
// the result released. If the append fails, the result is replaced by an error and no
// personal data leaves the server.

import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { accessEvents } from '../audit/access-events.js';
import type { AuditEventKind } from '../audit/event-kinds.js';
import type { AuditSequencer } from '../audit/sequencer.js';
import type { Context } from './context.js';

function describeOperation(
  document: { definitions: readonly { kind: string }[] },
  operationName?: string | null,
): string {
  const operation = selectedOperation(document, operationName);
  if (!operation) return 'unknown';
  const roots = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…')).join(',');
  return `${operation.operation} ${roots}`.slice(0, 200);
}

// The event kind of a request's reads, by the root fields it asked for. A request that
// mixes them is recorded under the first one that names a kind; plain reads otherwise.
const ROOT_FIELD_KINDS: Record<string, AuditEventKind> = {
  residentLookup: 'resident.lookup',
  residentByPersonalIdentityCode: 'resident.lookup',
  explainAccess: 'resident.lookup',
  audience: 'audience.list',
  insight: 'insight.query',
  auditEvents: 'audit.read',
  recordCampaignSends: 'campaign.send',
  recordCampaignResponses: 'campaign.response',
  recordConsent: 'consent.record',
  recordServiceUsage: 'service.usage',
};

function selectedOperation(document: { definitions: readonly { kind: string }[] }, operationName?: string | null) {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
}

export function readKind(
  document: { definitions: readonly { kind: string }[] },
  operationName?: string | null,
): AuditEventKind {
  const roots = selectedOperation(document, operationName)?.selectionSet.selections ?? [];
  for (const root of roots) {
    const kind = root.kind === Kind.FIELD ? ROOT_FIELD_KINDS[root.name.value] : undefined;
    if (kind) return kind;
  }
  return 'resident.read';
}

export function useAuditTrail(sequencer: AuditSequencer): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Context;
      return {
        async onExecuteDone({ result, setResult }) {
          if (ctx.privacy.record.isEmpty) return;
          const policy = await ctx.privacy.policy().catch(() => undefined);
          const events = accessEvents(ctx.privacy.record, {
            principal: ctx.principal,
            purposeId: policy?.purposeId ?? null,
            operation: describeOperation(args.document, args.operationName),
            requestId: ctx.requestId,
            now: ctx.now,
            statedReason: ctx.privacy.statedReason,
            kind: readKind(args.document, args.operationName),
          });
          try {
            await sequencer.append(events);
          } catch (error) {
            ctx.log.error({ err: error }, 'audit append failed; response withheld');
            void result;
            setResult({
              data: null,
              errors: [
                new GraphQLError('The access could not be recorded, so no data was sent. Try again shortly.', {
                  extensions: { code: 'AUDIT_UNAVAILABLE' },
                }),
              ],
            });
          }
        },
      };
    },
  };
}
