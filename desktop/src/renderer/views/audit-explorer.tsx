// The audit explorer: filter by resident (identity code or id), event kind, organisation,
// service, purpose, actor, outcome and time; keyset paging (a stack of cursors walks back);
// CSV export of the same filter with progress; and verification of the hash chain.
import { type FormEvent, useState } from 'react';
import { RequestFailed } from '../api/client.js';
import { AUDIT_EVENTS, type AuditFilter } from '../api/operations/audit.js';
import { useQuery } from '../api/use-query.js';
import { Page } from '../components/page.js';
import { Async, ErrorNotice, Loading } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { formatNumber } from '../lib/format.js';
import { AuditExport } from './audit-export.js';
import { emptyFilterForm, type FilterForm, toAuditFilter } from './audit-filter-form.js';
import { AuditFilters } from './audit-filters.js';
import { type CodeProblem, resolveResidentCode } from './audit-resident-code.js';
import { AuditTable } from './audit-table.js';
import { ChainVerification } from './chain-verification.js';

const PAGE_SIZE = 50;

export function AuditExplorerView({ residentId }: { residentId?: string }) {
  const { t, language } = useT();
  const [form, setForm] = useState<FilterForm>(() => emptyFilterForm({ residentId: residentId ?? '' }));
  const [filter, setFilter] = useState<AuditFilter>(() => toAuditFilter(form));
  const [resolving, setResolving] = useState(false);
  const [codeProblem, setCodeProblem] = useState<CodeProblem | null>(null);
  const [lookupError, setLookupError] = useState<Error | null>(null);
  // Cursors of the pages before the current one; the last is where the current page starts.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const events = useQuery(AUDIT_EVENTS, { filter, first: PAGE_SIZE, after });
  const set = (patch: Partial<FilterForm>) => setForm((f) => ({ ...f, ...patch }));

  function show(next: FilterForm) {
    setFilter(toAuditFilter(next));
    setCursors([null]);
  }

  async function apply(event: FormEvent) {
    event.preventDefault();
    setCodeProblem(null);
    setLookupError(null);
    if (!form.residentCode.trim()) return show(form);
    setResolving(true);
    try {
      const found = await resolveResidentCode(form.residentCode, form.residentReason);
      if (!found.ok) return setCodeProblem(found.problem);
      // The code is spent: the id stays in the form, so filtering again looks nobody up again.
      const next = { ...form, residentCode: '', residentReason: '', residentId: found.residentId };
      setForm(next);
      show(next);
    } catch (error) {
      setLookupError(error instanceof Error ? error : new RequestFailed(String(error), 'ERROR'));
    } finally {
      setResolving(false);
    }
  }

  function onlyActor(actorId: string) {
    const next = { ...form, actorId };
    setForm(next);
    show(next);
  }

  return (
    <Page title={t('audit.title')}>
      <AuditFilters form={form} set={set} onSubmit={apply} resolving={resolving} codeProblem={codeProblem} />
      {resolving && <Loading label={t('audit.resolving')} />}
      {lookupError && <ErrorNotice error={lookupError} />}

      <div className="tools">
        <AuditExport filter={filter} />
        <ChainVerification />
      </div>

      <Async state={events} isEmpty={(d) => d.auditEvents.edges.length === 0} empty={t('audit.empty')}>
        {(data) => (
          <>
            <p role="status">
              {t(data.auditEventCount.exact ? 'audit.count' : 'audit.countAtLeast', {
                count: data.auditEventCount.count,
                formatted: formatNumber(data.auditEventCount.count, language),
              })}{' '}
              {t('audit.page', { page: cursors.length })}
            </p>
            <AuditTable
              events={data.auditEvents.edges.map((e) => e.node)}
              actorId={filter.actorId ?? undefined}
              onActor={onlyActor}
            />
            <nav className="pager" aria-label={t('audit.paging')}>
              <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t('audit.previous')}
              </button>
              <button
                type="button"
                disabled={!data.auditEvents.pageInfo.hasNextPage}
                onClick={() => setCursors((c) => [...c, data.auditEvents.pageInfo.endCursor])}
              >
                {t('audit.next')}
              </button>
            </nav>
          </>
        )}
      </Async>
    </Page>
  );
}
