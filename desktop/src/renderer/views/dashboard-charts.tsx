// The dashboard's charts. Consents: those in force per purpose, and the day's events by
// state for one purpose or all. Reads: per organisation, the seven busiest and the rest.
import { useState } from 'react';
import type { ConsentSeries, ReadSeries } from '../api/operations/dashboard.js';
import { BarChart } from '../components/bar-chart.js';
import { Empty } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';

const STATES = ['granted', 'confirmed', 'withdrawn', 'expired'] as const;
const MAX_SERIES = 7;

function dayLabel(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.`;
}

export function ConsentCharts({ series }: { series: ConsentSeries[] }) {
  const { t, language } = useT();
  const [purpose, setPurpose] = useState('');
  if (series.length === 0) return <Empty>{t('dashboard.noConsents')}</Empty>;
  const days = series[0]?.points.map((p) => p.day) ?? [];
  const chosen = purpose ? series.filter((s) => s.purposeSlug === purpose) : series;
  const nameOf = (s: ConsentSeries) => (s.title ? localized(s.title, language) : s.purposeSlug);
  return (
    <>
      <BarChart
        title={t('dashboard.activeByPurpose')}
        labels={days.map(dayLabel)}
        series={series.map((s) => ({ label: nameOf(s), values: s.points.map((p) => p.active) }))}
      />
      <div className="field inline">
        <label htmlFor="consent-purpose">{t('audit.purpose')}</label>
        <select id="consent-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
          <option value="">{t('dashboard.allPurposes')}</option>
          {series.map((s) => (
            <option key={s.purposeSlug} value={s.purposeSlug}>
              {nameOf(s)}
            </option>
          ))}
        </select>
      </div>
      <BarChart
        title={t('dashboard.eventsByState')}
        labels={days.map(dayLabel)}
        series={STATES.map((state) => ({
          label: t(`consentEvent.${state.toUpperCase()}`),
          values: days.map((_, i) => chosen.reduce((sum, s) => sum + (s.points[i]?.[state] ?? 0), 0)),
        }))}
      />
    </>
  );
}

export function ReadsChart({ series }: { series: ReadSeries[] }) {
  const { t, language } = useT();
  if (series.length === 0) return <Empty>{t('dashboard.noReads')}</Empty>;
  const days = series[0]?.points.map((p) => p.day) ?? [];
  const busiest = [...series].sort((a, b) => b.total - a.total);
  const shown = busiest.slice(0, MAX_SERIES);
  const rest = busiest.slice(MAX_SERIES);
  const chartSeries = shown.map((s) => ({ label: localized(s.name, language), values: s.points.map((p) => p.reads) }));
  if (rest.length > 0) {
    chartSeries.push({
      label: t('dashboard.others'),
      values: days.map((_, i) => rest.reduce((sum, s) => sum + (s.points[i]?.reads ?? 0), 0)),
    });
  }
  return <BarChart title={t('dashboard.readsPerDay')} labels={days.map(dayLabel)} series={chartSeries} />;
}
