// One page of audit events: each with its kind and actor (an officer's or service's name as
// the API resolves it); an actor's id narrows the explorer to that actor's events.
import type { AuditEventView } from '../api/operations/audit.js';
import { ScrollArea } from '../components/scroll-area.js';
import { useT } from '../i18n/index.js';
import { auditKindLabel } from '../lib/audit-kind.js';
import { formatDateTime, localized } from '../lib/format.js';

interface Props {
  events: AuditEventView[];
  /** The actor the page is already narrowed to: no button to narrow to them again. */
  actorId: string | undefined;
  onActor: (actorId: string) => void;
}

export function AuditTable({ events, actorId, onActor }: Props) {
  const { t, language } = useT();
  return (
    <ScrollArea label={t('common.scrollTable')}>
      <table className="audit-table">
        <caption>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.time')}</th>
            <th scope="col">{t('audit.kind')}</th>
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
          {events.map((node) => (
            <tr key={node.seq} data-kind={node.kind ?? ''}>
              <th scope="row">{node.seq}</th>
              <td>{formatDateTime(node.occurredAt, language)}</td>
              <td className="event-kind">{auditKindLabel(t, node.kind)}</td>
              <td className="event-actor">
                {t(`actorKind.${node.actorKind}`)}
                {/* Officers and services by name; a resident is never named (the API gives no name). */}
                {node.actorName && <div className="actor-name">{node.actorName}</div>}
                {node.actorId && (
                  <div>
                    <code className="id">{node.actorId}</code>{' '}
                    {node.actorId !== actorId && (
                      <button type="button" className="small" onClick={() => onActor(node.actorId as string)}>
                        {t('audit.onlyThisActor')}
                      </button>
                    )}
                  </div>
                )}
              </td>
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
  );
}
