import type { AnomalyFlagView } from '../api/operations/dashboard.js';
import { Empty } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';

export function AnomalyList({ flags }: { flags: AnomalyFlagView[] }) {
  const { t, language } = useT();
  if (flags.length === 0) return <Empty>{t('dashboard.noAnomalies')}</Empty>;
  return (
    <ul className="anomalies">
      {flags.map((flag) => (
        <li key={`${flag.kind}-${flag.day}-${flag.organisationName?.fi ?? ''}-${flag.serviceName ?? ''}`}>
          <span className={`badge anomaly-${flag.kind}`}>{t(`anomalyKind.${flag.kind}`)}</span> {flag.day}:{' '}
          {localized(flag.message, language)}
        </li>
      ))}
    </ul>
  );
}
