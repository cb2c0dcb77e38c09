// CSV downloads for officers, outside GraphQL because they stream: the audit extract under
// the explorer's filter, and the records of processing (Art. 30). Bearer officer tokens
// only, scope `audit:export`; a service token or an officer without the scope gets 403.
import type { PrismaClient, Sql } from '@lupa/db';
import { GraphQLError } from 'graphql';
import { AUDIT_COUNT_CAP, type AuditFilterInput, parseAuditFilter } from '../audit/audit-filter.js';
import type { AuditRecordInput } from '../audit/chain.js';
import type { AuditEventKind, AuditPayload } from '../audit/event-kinds.js';
import { type AuditFilter, countAuditEvents, walkAuditEvents } from '../audit/explorer.js';
import { type LabelledAuditEvent, labelAuditEvents } from '../audit/explorer-labels.js';
import type { AuditSequencer } from '../audit/sequencer.js';
import type { HubContext } from '../auth/index.js';
import { LupaValidationError } from '../core/errors.js';
import { DateTimeResolver } from '../graphql/scalars.js';
import { exportRecordsOfProcessing, type ProcessingRecord } from '../purposes/records-of-processing.js';
import { type CsvColumn, csvHeaders, streamCsv } from './csv.js';
import { CredentialError, resolvePrincipal } from './principal.js';
import { problem } from './responses.js';

export const AUDIT_EXPORT_PATH = '/admin/api/audit-export.csv';
export const RECORDS_OF_PROCESSING_PATH = '/admin/api/records-of-processing.csv';

interface ExportDependencies {
  prisma: PrismaClient;
  sql: Sql;
  hub: HubContext;
  audit: AuditSequencer;
  clock: () => Date;
}

type Route = (request: Request, requestId: string) => Promise<Response>;

async function authoriseOfficer(
  request: Request,
  deps: ExportDependencies,
  scope: string,
): Promise<{ officerId: string } | Response> {
  if (request.method !== 'GET') return problem(405, 'METHOD_NOT_ALLOWED', 'Use GET.', { allow: 'GET' });
  let principal: Awaited<ReturnType<typeof resolvePrincipal>>;
  try {
    principal = await resolvePrincipal(request, {
      hub: deps.hub,
      prisma: deps.prisma,
      sql: deps.sql,
      now: deps.clock(),
    });
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    return problem(401, error.code, error.message, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  if (principal.kind === 'anonymous') {
    return problem(401, 'UNAUTHENTICATED', 'Sign in as an officer.', { 'www-authenticate': 'Bearer' });
  }
  if (principal.kind !== 'officer' || !principal.scopes.includes(scope)) {
    return problem(403, 'FORBIDDEN', 'This token does not allow that.');
  }
  return { officerId: principal.officerId };
}

const FILTER_PARAMS = ['residentId', 'organisationId', 'serviceId', 'purposeId', 'actorKind', 'outcome', 'from', 'to'];
const ENUMS: Record<string, readonly string[]> = {
  actorKind: ['SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM'],
  outcome: ['ALLOWED', 'PARTIAL', 'DENIED'],
};

/** The explorer's filter from query parameters, with the same ids and checks as GraphQL. */
function filterFromQuery(url: URL): AuditFilter {
  const input: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) {
    if (!FILTER_PARAMS.includes(name)) throw new LupaValidationError([{ path: name, message: 'is not a filter' }]);
    if (ENUMS[name] && !ENUMS[name].includes(value)) {
      throw new LupaValidationError([{ path: name, message: `must be one of ${ENUMS[name].join(', ')}` }]);
    }
    input[name] = name === 'from' || name === 'to' ? DateTimeResolver.parseValue(value) : value;
  }
  return parseAuditFilter(input as AuditFilterInput, 'query');
}

const AUDIT_COLUMNS: CsvColumn<LabelledAuditEvent>[] = [
  { header: 'seq', value: (e) => e.row.seq.toString() },
  { header: 'occurredAt', value: (e) => e.row.occurredAt.toISOString() },
  { header: 'actorKind', value: (e) => e.row.actorKind },
  { header: 'actorId', value: (e) => e.row.actorId },
  { header: 'organisation', value: (e) => e.organisationSlug },
  { header: 'organisationName', value: (e) => e.organisationName?.fi ?? null },
  { header: 'service', value: (e) => e.serviceName },
  { header: 'purpose', value: (e) => e.purposeSlug },
  { header: 'purposeVersion', value: (e) => e.purposeVersion },
  { header: 'residentId', value: (e) => e.row.residentId },
  { header: 'operation', value: (e) => e.row.operation },
  { header: 'outcome', value: (e) => e.row.outcome },
  { header: 'fieldsReturned', value: (e) => e.row.fieldsReturned.join(' ') },
  { header: 'fieldsDenied', value: (e) => e.fieldsDenied.map((d) => `${d.field}:${d.reason}`).join(' ') },
  { header: 'reason', value: (e) => e.row.reason },
  { header: 'requestId', value: (e) => e.row.requestId },
  { header: 'hash', value: (e) => e.row.hash },
];

const joinLocalized = (items: { name: { fi: string } }[]) => items.map((i) => i.name.fi).join(', ');

const RECORD_COLUMNS: CsvColumn<ProcessingRecord>[] = [
  { header: 'controller', value: (r) => r.controller.name.fi },
  { header: 'controllerBusinessId', value: (r) => r.controller.businessId },
  { header: 'purpose', value: (r) => r.purposeSlug },
  { header: 'version', value: (r) => r.version },
  { header: 'status', value: (r) => r.status },
  { header: 'nameFi', value: (r) => r.name.fi },
  { header: 'nameSv', value: (r) => r.name.sv },
  { header: 'nameEn', value: (r) => r.name.en },
  { header: 'legalBasis', value: (r) => r.legalBasis },
  { header: 'specialCategoryBasis', value: (r) => r.specialCategoryBasis },
  { header: 'dataCategories', value: (r) => r.dataCategories.map((c) => `${c.slug} (${c.accessLevel})`).join(', ') },
  { header: 'recipients', value: (r) => joinLocalized(r.recipients) },
  { header: 'retentionDays', value: (r) => r.retentionDays },
  { header: 'consentValidityDays', value: (r) => r.consentValidityDays },
  { header: 'dataSubjects', value: (r) => r.dataSubjects.fi },
  { header: 'thirdCountryTransfers', value: (r) => r.thirdCountryTransfers.fi },
  {
    header: 'personalFields',
    value: (r) =>
      r.dataCategories
        .filter((c) => c.fields.length > 0)
        .map((c) => `${c.slug}: ${c.fields.join(', ')}`)
        .join(' | '),
  },
];

function exportRecord(officerId: string, filter: AuditFilter, requestId: string, now: Date): AuditRecordInput {
  const described = JSON.stringify(filter, (_k, v) => (v instanceof Date ? v.toISOString() : v));
  return {
    occurredAt: now,
    actorKind: 'OFFICER',
    actorId: officerId,
    organisationId: null,
    serviceId: null,
    purposeId: null,
    purposeVersionId: null,
    residentId: filter.residentId ?? null,
    operation: `export audit-events ${described}`.slice(0, 200),
    outcome: 'ALLOWED',
    fieldsReturned: ['auditEvents'],
    fieldsDenied: [],
    reason: null,
    requestId,
    kind: 'export.audit_csv' satisfies AuditEventKind,
    payload: { filter: described.slice(0, 2000) } satisfies AuditPayload<'export.audit_csv'>,
  };
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function createAdminExportRoutes(deps: ExportDependencies): Record<string, Route> {
  return {
    [AUDIT_EXPORT_PATH]: async (request, requestId) => {
      const officer = await authoriseOfficer(request, deps, 'audit:export');
      if (officer instanceof Response) return officer;
      let filter: AuditFilter;
      try {
        filter = filterFromQuery(new URL(request.url));
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return problem(400, 'BAD_USER_INPUT', error.message);
      }
      const now = deps.clock();
      // An audit extract names residents and what was read about them: it is recorded before
      // the first byte leaves, and if it cannot be recorded nothing is sent (DESIGN.md "Audit").
      try {
        await deps.audit.append([exportRecord(officer.officerId, filter, requestId, now)]);
      } catch {
        return problem(503, 'AUDIT_UNAVAILABLE', 'The export could not be recorded, so nothing was sent.');
      }
      // Counted after the export's own record is appended: where the filter matches that
      // record too, the count and the streamed rows agree.
      const total = await countAuditEvents(deps.prisma, filter, AUDIT_COUNT_CAP);
      async function* pages() {
        for await (const rows of walkAuditEvents(deps.prisma, filter)) yield await labelAuditEvents(deps.prisma, rows);
      }
      // Chunked, without Content-Length; X-Total-Rows lets a client show progress when the
      // count is exact (it is left out past the counting cap rather than guessed).
      const progress: Record<string, string> = total.exact ? { 'x-total-rows': String(total.count) } : {};
      return new Response(streamCsv(AUDIT_COLUMNS, pages()), {
        status: 200,
        headers: csvHeaders(`audit-events-${stamp(now)}.csv`, {
          ...progress,
          'access-control-expose-headers': 'X-Total-Rows, Content-Disposition',
        }),
      });
    },
    [RECORDS_OF_PROCESSING_PATH]: async (request, requestId) => {
      const officer = await authoriseOfficer(request, deps, 'audit:export');
      if (officer instanceof Response) return officer;
      const now = deps.clock();
      // Recorded in the transaction that reads the records; if that fails, nothing is sent.
      let records: ProcessingRecord[];
      try {
        records = await exportRecordsOfProcessing({
          prisma: deps.prisma,
          actor: { kind: 'OFFICER', id: officer.officerId },
          requestId,
          now,
        });
      } catch {
        return problem(503, 'AUDIT_UNAVAILABLE', 'The export could not be recorded, so nothing was sent.');
      }
      async function* pages() {
        yield records;
      }
      return new Response(streamCsv(RECORD_COLUMNS, pages()), {
        status: 200,
        headers: csvHeaders(`records-of-processing-${stamp(now)}.csv`, {
          'x-total-rows': String(records.length),
        }),
      });
    },
  };
}
