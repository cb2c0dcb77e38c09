// The dashboard's latest administration actions (purposes, officers, services,
// organisations, keys, exports), each with its kind, actor and time. Only roles that read
// the audit log see them; for others the API refuses and the section is left out.
import { AUDIT_EVENT_KINDS } from '../api/operations/audit.js';
import { RECENT_ADMINISTRATION } from '../api/operations/dashboard.js';
import { useQuery } from '../api/use-query.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async, refusedForRole } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { administrationKinds } from '../lib/administration-kinds.js';
import { auditKindLabel } from '../lib/audit-kind.js';
import { formatDateTime, localized } from '../lib/format.js';

const SHOWN = 10;

export function RecentAdministration() {
  const { t } = useT();
  const kinds = useQuery(AUDIT_EVENT_KINDS, {});
  if (refusedForRole(kinds)) return null;
  return (
    <section className="card wide recent-administration" aria-labelledby="administration-heading">
      <h2 id="administration-heading">{t('dashboard.administration')}</h2>
      <Async state={kinds} loadingLabel={t('dashboard.loading')}>
        {(data) => <AdministrationList kinds={administrationKinds(data.auditEventKinds)} />}
      </Async>
    </section>
  );
}

function AdministrationList({ kinds }: { kinds: string[] }) {
  const { t, language } = useT();
  const events = useQuery(RECENT_ADMINISTRATION, { kinds, first: SHOWN });
  return (
    <Async
      state={events}
      loadingLabel={t('dashboard.loading')}
      isEmpty={(d) => d.auditEvents.edges.length === 0}
      empty={t('dashboard.noAdministration')}
    >
      {(data) => (
        <ScrollArea label={t('common.scrollTable')}>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.kind')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('dashboard.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {data.auditEvents.edges.map(({ node }) => (
                <tr key={node.seq}>
                  <th scope="row">{formatDateTime(node.occurredAt, language)}</th>
                  <td className="event-kind">{auditKindLabel(t, node.kind)}</td>
                  <td className="event-actor">
                    {t(`actorKind.${node.actorKind}`)}{' '}
                    {/* Names are not unique: the id beside the name says which one, as in the explorer. */}
                    {node.actorName && (
                      <>
                        <span className="actor-name">{node.actorName}</span>{' '}
                      </>
                    )}
                    <code className="id">{node.actorId ?? ''}</code>
                  </td>
                  <td>
                    {[
                      localized(node.organisationName, language),
                      node.serviceName,
                      node.purposeSlug && `${node.purposeSlug} v${node.purposeVersion ?? '?'}`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </Async>
  );
}
