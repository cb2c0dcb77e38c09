// A small stacked bar chart in SVG, with the same numbers in a table for screen readers
// and keyboard users (the chart itself is one labelled image). Colours come from the
// stylesheet (.series-N), so the strict CSP needs no inline style.
import { useId } from 'react';
import { useT } from '../i18n/index.js';
import { formatNumber } from '../lib/format.js';
import { ScrollArea } from './scroll-area.js';

export interface ChartSeries {
  label: string;
  values: number[];
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 10, right: 10, bottom: 40, left: 44 };

export function BarChart({ title, labels, series }: { title: string; labels: string[]; series: ChartSeries[] }) {
  const { t, language } = useT();
  const titleId = useId();
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, labels.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  // Every nth label only, so dates do not overlap.
  const labelEvery = Math.ceil(labels.length / 8);

  return (
    <figure className="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <title>{title}</title>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
        <text x={PAD.left - 6} y={y(max) + 4} className="tick" textAnchor="end">
          {formatNumber(max, language)}
        </text>
        <text x={PAD.left - 6} y={y(0)} className="tick" textAnchor="end">
          0
        </text>
        {labels.map((label, i) => {
          let base = 0;
          const x = PAD.left + i * slot + (slot - barWidth) / 2;
          return (
            <g key={label}>
              {series.map((s, k) => {
                const value = s.values[i] ?? 0;
                const top = y(base + value);
                const height = y(base) - top;
                base += value;
                return value > 0 ? (
                  <rect key={s.label} x={x} y={top} width={barWidth} height={height} className={`series-${k % 8}`} />
                ) : null;
              })}
              {i % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - PAD.bottom + 16} className="tick" textAnchor="middle">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {series.map((s, k) => (
          <li key={s.label}>
            <span className={`swatch series-${k % 8}`} aria-hidden="true" /> {s.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('common.chartAsTable')}</summary>
        <ScrollArea label={t('common.scrollTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.period')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{formatNumber(s.values[i] ?? 0, language)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
    </figure>
  );
}
