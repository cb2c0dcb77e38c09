// What a lookup returned: the fields the privacy engine let through, consents with their
// history, and the resident's access log.
import type { AccessLogView, ConsentHistoryView, LookedUpResident } from '../api/operations/residents.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Empty } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { formatDateTime, localized } from '../lib/format.js';

const FIELDS: (keyof LookedUpResident)[] = [
  'firstName',
  'lastName',
  'birthDate',
  'personalIdentityCode',
  'email',
  'phone',
  'streetAddress',
  'postalCode',
  'city',
  'district',
  'language',
];

export function ResidentDetails({
  lookup,
}: {
  lookup: { resident: LookedUpResident; consents: ConsentHistoryView[]; accessLog: AccessLogView[] };
}) {
  const { t, language } = useT();
  const { resident, consents, accessLog } = lookup;
  return (
    <>
      <section aria-labelledby="resident-heading" className="card">
        <h2 id="resident-heading">{t('lookup.resident')}</h2>
        <dl className="details">
          <div className="pair">
            <dt>{t('lookup.residentId')}</dt>
            <dd>
              <code className="resident-id">{resident.id}</code>
            </dd>
          </div>
          {FIELDS.map((field) => (
            <div key={field} className="pair">
              <dt>{t(`residentField.${field}`)}</dt>
              <dd>{resident[field] ?? <span className="muted">{t('lookup.notShown')}</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="consents-heading">
        <h2 id="consents-heading">{t('lookup.consents')}</h2>
        {consents.length === 0 ? (
          <Empty>{t('lookup.noConsents')}</Empty>
        ) : (
          <ScrollArea label={t('common.scrollTable')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.purpose')}</th>
                  <th scope="col">{t('lookup.state')}</th>
                  <th scope="col">{t('lookup.granted')}</th>
                  <th scope="col">{t('lookup.expires')}</th>
                  <th scope="col">{t('lookup.history')}</th>
                </tr>
              </thead>
              <tbody>
                {consents.map((consent) => (
                  <tr key={consent.id}>
                    <th scope="row">
                      {consent.purposeSlug} v{consent.version}
                    </th>
                    <td>
                      <span className={`badge consent-${consent.state}`}>{t(`consentState.${consent.state}`)}</span>
                    </td>
                    <td>{formatDateTime(consent.grantedAt, language)}</td>
                    <td>{formatDateTime(consent.expiresAt, language)}</td>
                    <td>
                      <ol className="history">
                        {consent.events.map((event) => (
                          <li key={`${event.type}-${event.occurredAt}`}>
                            {formatDateTime(event.occurredAt, language)}: {t(`consentEvent.${event.type}`)} (
                            {t(`consentChannel.${event.channel}`)}, {t(`actorKind.${event.actorKind}`)})
                          </li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
      <section aria-labelledby="access-heading">
        <h2 id="access-heading">{t('lookup.accessLog')}</h2>
        {accessLog.length === 0 ? (
          <Empty>{t('lookup.noAccess')}</Empty>
        ) : (
          <ScrollArea label={t('common.scrollTable')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.organisation')}</th>
                  <th scope="col">{t('audit.purpose')}</th>
                  <th scope="col">{t('audit.fields')}</th>
                  <th scope="col">{t('audit.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {accessLog.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">{formatDateTime(entry.occurredAt, language)}</th>
                    <td>{t(`actorKind.${entry.actorKind}`)}</td>
                    <td>
                      {localized(entry.organisation, language)}
                      {entry.service && <div className="muted">{entry.service}</div>}
                    </td>
                    <td>{entry.purposeTitle ? localized(entry.purposeTitle, language) : (entry.purposeSlug ?? '')}</td>
                    <td>
                      {entry.categories.join(', ')}
                      {entry.deniedCategories.length > 0 && (
                        <div className="denied">
                          {t('audit.denied')}: {entry.deniedCategories.join(', ')}
                        </div>
                      )}
                    </td>
                    <td>{t(`outcome.${entry.outcome}`, { defaultValue: entry.outcome })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
    </>
  );
}
