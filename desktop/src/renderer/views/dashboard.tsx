// The dashboard: consents by purpose and state over time, reads per organisation per day,
// notices waiting for an answer and anomaly flags, for a chosen number of recent days; the
// latest administration actions, and for admins the sign-in lockouts of the period. A part
// the officer's role may not read is left out, not shown as an error.
import { useState } from 'react';
import { CONSENTS_OVER_TIME, NOTICES_AND_ANOMALIES, READS_PER_ORGANISATION } from '../api/operations/dashboard.js';
import { UNACKNOWLEDGED_NOTICES } from '../api/operations/notices.js';
import { useQuery } from '../api/use-query.js';
import { Page } from '../components/page.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async, refusedForRole } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { lastDays } from '../lib/days.js';
import { formatDateTime, formatNumber } from '../lib/format.js';
import { AnomalyList } from './anomaly-list.js';
import { ConsentCharts, ReadsChart } from './dashboard-charts.js';
import { OfficerLockouts } from './officer-lockouts.js';
import { RecentAdministration } from './recent-administration.js';

const RANGES = [7, 30, 90];

export function DashboardView() {
  const { t, language } = useT();
  const [days, setDays] = useState(30);
  const range = lastDays(days);
  const consents = useQuery(CONSENTS_OVER_TIME, range);
  const reads = useQuery(READS_PER_ORGANISATION, range);
  const summary = useQuery(NOTICES_AND_ANOMALIES, range);
  const notices = useQuery(UNACKNOWLEDGED_NOTICES, {});
  return (
    <Page title={t('dashboard.title')}>
      <div className="field inline">
        <label htmlFor="range">{t('dashboard.range')}</label>
        <select id="range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {RANGES.map((n) => (
            <option key={n} value={n}>
              {t('dashboard.lastDays', { count: n })}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-grid">
        {!refusedForRole(summary) && (
          <Async state={summary} loadingLabel={t('dashboard.loading')}>
            {(data) => (
              <>
                <section className="card" aria-labelledby="notices-heading">
                  <h2 id="notices-heading">{t('dashboard.notices')}</h2>
                  <p className="big-number">{formatNumber(data.noticeSummary.unacknowledged, language)}</p>
                  <p>{t('dashboard.unacknowledged')}</p>
                  <p>{t('dashboard.dead', { count: data.noticeSummary.dead })}</p>
                </section>
                <section className="card" aria-labelledby="anomalies-heading">
                  <h2 id="anomalies-heading">{t('dashboard.anomalies')}</h2>
                  <AnomalyList flags={data.anomalies.edges.map((e) => e.node)} />
                </section>
              </>
            )}
          </Async>
        )}
        <RecentAdministration />
        <OfficerLockouts fromDay={range.from} />
        {!refusedForRole(consents) && (
          <section className="card wide" aria-labelledby="consents-heading">
            <h2 id="consents-heading">{t('dashboard.consents')}</h2>
            <Async state={consents} loadingLabel={t('dashboard.loading')}>
              {(data) => <ConsentCharts series={data.consentsOverTime.edges.map((e) => e.node)} />}
            </Async>
          </section>
        )}
        {!refusedForRole(reads) && (
          <section className="card wide" aria-labelledby="reads-heading">
            <h2 id="reads-heading">{t('dashboard.reads')}</h2>
            <Async state={reads} loadingLabel={t('dashboard.loading')}>
              {(data) => <ReadsChart series={data.readsPerOrganisation.edges.map((e) => e.node)} />}
            </Async>
          </section>
        )}
      </div>
      {!refusedForRole(notices) && (
        <section aria-labelledby="notice-list-heading">
          <h2 id="notice-list-heading">{t('dashboard.noticeList')}</h2>
          <Async state={notices} isEmpty={(d) => d.notices.edges.length === 0} empty={t('dashboard.noNotices')}>
            {(data) => (
              <ScrollArea label={t('common.scrollTable')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.created')}</th>
                      <th scope="col">{t('audit.service')}</th>
                      <th scope="col">{t('dashboard.kind')}</th>
                      <th scope="col">{t('dashboard.delivery')}</th>
                      <th scope="col">{t('dashboard.attempts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.notices.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <th scope="row">{formatDateTime(node.createdAt, language)}</th>
                        <td>{node.service.name}</td>
                        <td>{t(`noticeKind.${node.kind}`)}</td>
                        <td>{t(`noticeStatus.${node.status}`)}</td>
                        <td>{node.attempts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
            )}
          </Async>
        </section>
      )}
    </Page>
  );
}
