// The audit explorer: filter by resident, organisation, service, purpose, actor, outcome
// and time; keyset paging (a stack of cursors walks back); CSV export of the same filter
// with progress; and verification of the hash chain.
import { type FormEvent, useState } from 'react';
import { type ActorKind, AUDIT_EVENTS, type AuditFilter, type AuditOutcome } from '../api/operations/audit.js';
import { ORGANISATIONS, SERVICES } from '../api/operations/organisations.js';
import { PURPOSES } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { Page } from '../components/page.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { formatDateTime, formatNumber, localized } from '../lib/format.js';
import { AuditExport } from './audit-export.js';
import { ChainVerification } from './chain-verification.js';

const PAGE_SIZE = 50;
const ACTORS: ActorKind[] = ['SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM'];
const OUTCOMES: AuditOutcome[] = ['ALLOWED', 'PARTIAL', 'DENIED'];

interface FilterForm {
  residentId: string;
  organisationId: string;
  serviceId: string;
  purposeId: string;
  actorKind: string;
  outcome: string;
  from: string;
  to: string;
}

/** The form's non-empty fields as the API's filter; dates are whole days in UTC. */
export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.residentId.trim()) filter.residentId = form.residentId.trim();
  if (form.organisationId) filter.organisationId = form.organisationId;
  if (form.serviceId) filter.serviceId = form.serviceId;
  if (form.purposeId) filter.purposeId = form.purposeId;
  if (form.actorKind) filter.actorKind = form.actorKind as ActorKind;
  if (form.outcome) filter.outcome = form.outcome as AuditOutcome;
  if (form.from) filter.from = new Date(`${form.from}T00:00:00Z`).toISOString();
  if (form.to) filter.to = new Date(new Date(`${form.to}T00:00:00Z`).getTime() + 86_400_000).toISOString();
  return filter;
}

export function AuditExplorerView({ residentId }: { residentId?: string }) {
  const { t, language } = useT();
  const [form, setForm] = useState<FilterForm>({
    residentId: residentId ?? '',
    organisationId: '',
    serviceId: '',
    purposeId: '',
    actorKind: '',
    outcome: '',
    from: '',
    to: '',
  });
  const [filter, setFilter] = useState<AuditFilter>(() => toAuditFilter(form));
  // Cursors of the pages before the current one; the last is where the current page starts.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const events = useQuery(AUDIT_EVENTS, { filter, first: PAGE_SIZE, after });
  const organisations = useQuery(ORGANISATIONS, {});
  const services = useQuery(SERVICES, {});
  const purposes = useQuery(PURPOSES, {});
  const set = (patch: Partial<FilterForm>) => setForm((f) => ({ ...f, ...patch }));

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilter(toAuditFilter(form));
    setCursors([null]);
  }

  return (
    <Page title={t('audit.title')}>
      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <div className="field">
          <label htmlFor="f-resident">{t('audit.resident')}</label>
          <input id="f-resident" value={form.residentId} onChange={(e) => set({ residentId: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-organisation">{t('audit.organisation')}</label>
          <select
            id="f-organisation"
            value={form.organisationId}
            onChange={(e) => set({ organisationId: e.target.value })}
          >
            <option value="">{t('audit.any')}</option>
            {organisations.data?.organisations.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {localized(node.name, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-service">{t('audit.service')}</label>
          <select id="f-service" value={form.serviceId} onChange={(e) => set({ serviceId: e.target.value })}>
            <option value="">{t('audit.any')}</option>
            {services.data?.services.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-purpose">{t('audit.purpose')}</label>
          <select id="f-purpose" value={form.purposeId} onChange={(e) => set({ purposeId: e.target.value })}>
            <option value="">{t('audit.any')}</option>
            {purposes.data?.purposes.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.slug}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-actor">{t('audit.actor')}</label>
          <select id="f-actor" value={form.actorKind} onChange={(e) => set({ actorKind: e.target.value })}>
            <option value="">{t('audit.any')}</option>
            {ACTORS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`actorKind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-outcome">{t('audit.outcome')}</label>
          <select id="f-outcome" value={form.outcome} onChange={(e) => set({ outcome: e.target.value })}>
            <option value="">{t('audit.any')}</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcome.${outcome}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('audit.from')}</label>
          <input id="f-from" type="date" value={form.from} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('audit.to')}</label>
          <input id="f-to" type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <button type="submit">{t('audit.apply')}</button>
      </form>

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
            <ScrollArea label={t('common.scrollTable')}>
              <table className="audit-table">
                <caption>{t('audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('audit.time')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.organisation')}</th>
                    <th scope="col">{t('audit.purpose')}</th>
                    <th scope="col">{t('audit.resident')}</th>
                    <th scope="col">{t('audit.operation')}</th>
                    <th scope="col">{t('audit.outcome')}</th>
                    <th scope="col">{t('audit.fields')}</th>
                    <th scope="col">{t('audit.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.auditEvents.edges.map(({ node }) => (
                    <tr key={node.seq}>
                      <th scope="row">{node.seq}</th>
                      <td>{formatDateTime(node.occurredAt, language)}</td>
                      <td>{t(`actorKind.${node.actorKind}`)}</td>
                      <td>
                        {localized(node.organisationName, language)}
                        {node.serviceName && <div className="muted">{node.serviceName}</div>}
                      </td>
                      <td>{node.purposeSlug ? `${node.purposeSlug} v${node.purposeVersion ?? '?'}` : ''}</td>
                      <td>
                        <code className="id">{node.residentId ?? ''}</code>
                      </td>
                      <td>{node.operation}</td>
                      <td>
                        <span className={`badge outcome-${node.outcome}`}>{t(`outcome.${node.outcome}`)}</span>
                      </td>
                      <td>
                        {node.fieldsReturned.join(', ')}
                        {node.fieldsDenied.length > 0 && (
                          <div className="denied">
                            {t('audit.denied')}: {node.fieldsDenied.map((d) => `${d.field} (${d.reason})`).join(', ')}
                          </div>
                        )}
                      </td>
                      <td>{node.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
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
