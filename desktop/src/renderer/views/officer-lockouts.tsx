// Officers' sign-in lockouts in the dashboard's period, for admins: who, from which client,
// since when and until when. The API audits each reading. Roles without officer:read are
// refused by the API, and the section is left out for them.
import { OFFICER_LOCKOUTS } from '../api/operations/officer.js';
import { useQuery } from '../api/use-query.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async, refusedForRole } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../lib/format.js';

export function OfficerLockouts({ fromDay }: { fromDay: string }) {
  const { t, language } = useT();
  const lockouts = useQuery(OFFICER_LOCKOUTS, { since: `${fromDay}T00:00:00Z`, first: 20 });
  if (refusedForRole(lockouts)) return null;
  return (
    <section className="card wide lockouts" aria-labelledby="lockouts-heading">
      <h2 id="lockouts-heading">{t('dashboard.lockouts')}</h2>
      <Async
        state={lockouts}
        loadingLabel={t('dashboard.loading')}
        isEmpty={(d) => d.officerLockouts.length === 0}
        empty={t('dashboard.noLockouts')}
      >
        {(data) => (
          <ScrollArea label={t('common.scrollTable')}>
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.officer')}</th>
                  <th scope="col">{t('dashboard.lockedAt')}</th>
                  <th scope="col">{t('dashboard.lockedUntil')}</th>
                  <th scope="col">{t('dashboard.client')}</th>
                  <th scope="col">{t('dashboard.lockState')}</th>
                </tr>
              </thead>
              <tbody>
                {data.officerLockouts.map((lockout) => (
                  <tr key={`${lockout.officer.id}-${lockout.lockedAt}-${lockout.clientAddress ?? ''}`}>
                    <th scope="row">
                      {lockout.officer.name} <span className="muted">{lockout.officer.email}</span>
                    </th>
                    <td>{formatDateTime(lockout.lockedAt, language)}</td>
                    <td>{formatDateTime(lockout.lockedUntil, language)}</td>
                    <td>
                      <code>{lockout.clientAddress ?? '—'}</code>
                    </td>
                    <td>{t(lockout.active ? 'dashboard.lockActive' : 'dashboard.lockEnded')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </Async>
    </section>
  );
}
