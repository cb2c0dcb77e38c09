// "Who has viewed my data": the resident's access log with a GET filter form.
import type { AccessLogEntry } from '../../audit/access-log.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/index.js';
import type { Localized } from '../purposes-data.js';
import type { ViewContext } from './context.js';
import { categoryLabel, OUTCOME_LABEL } from './labels.js';
import { renderPage } from './layout.js';

export interface AccessLogFilters {
  from: string;
  to: string;
  organisation: string;
  purpose: string;
  fromInvalid: boolean;
  toInvalid: boolean;
}

export interface FilterOptions {
  organisations: { id: string; name: Localized }[];
  purposes: { slug: string; title: Localized }[];
}

function dateField(ctx: ViewContext, name: 'from' | 'to', value: string, invalid: boolean): SafeHtml {
  const label = ctx.t(name === 'from' ? 'fromLabel' : 'toLabel');
  return html`<div class="field">
    <label for="${name}">${label}</label>
    ${invalid ? html`<p id="${name}-error" class="error"><span>${ctx.t('errorPrefix')}</span> ${ctx.t('dateInvalid')}</p>` : ''}
    <input id="${name}" name="${name}" type="date" value="${value}"${
      invalid ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''
    }>
  </div>`;
}

function select(
  ctx: ViewContext,
  name: string,
  label: string,
  selected: string,
  options: { value: string; label: string }[],
): SafeHtml {
  return html`<div class="field"><label for="${name}">${label}</label>
    <select id="${name}" name="${name}"><option value="">${ctx.t('anyOption')}</option>${options.map(
      (o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${o.label}</option>`,
    )}</select></div>`;
}

function who(ctx: ViewContext, entry: AccessLogEntry): string {
  if (entry.actorKind === 'RESIDENT') return ctx.t('actorResident');
  if (entry.actorKind === 'SYSTEM') return ctx.t('actorSystem');
  const organisation = entry.organisation?.[ctx.lang] ?? '';
  return entry.service ? `${organisation} (${entry.service})` : organisation;
}

export function accessLogPage(
  ctx: ViewContext,
  entries: AccessLogEntry[],
  filters: AccessLogFilters,
  options: FilterOptions,
): string {
  const t = ctx.t;
  const lang = ctx.lang;
  return renderPage(ctx, {
    title: t('accessLogTitle'),
    body: html`<p>${t('accessLogIntro')}</p>
<form method="get" action="/access-log" class="filters">
  <fieldset><legend>${t('filtersLegend')}</legend>
    ${dateField(ctx, 'from', filters.from, filters.fromInvalid)}
    ${dateField(ctx, 'to', filters.to, filters.toInvalid)}
    ${select(
      ctx,
      'organisation',
      t('organisationLabel'),
      filters.organisation,
      options.organisations.map((o) => ({ value: o.id, label: o.name[lang] })),
    )}
    ${select(
      ctx,
      'purpose',
      t('purposeLabel'),
      filters.purpose,
      options.purposes.map((p) => ({ value: p.slug, label: p.title[lang] })),
    )}
    <button type="submit">${t('applyFilters')}</button>
  </fieldset>
</form>
<div class="table-wrap" role="region" aria-labelledby="log-caption" tabindex="0">
<table>
  <caption id="log-caption">${t('accessLogCaption')}</caption>
  <thead><tr><th scope="col">${t('colTime')}</th><th scope="col">${t('colWho')}</th><th scope="col">${t(
    'colPurpose',
  )}</th><th scope="col">${t('colData')}</th><th scope="col">${t('colOutcome')}</th></tr></thead>
  <tbody>${
    entries.length
      ? entries.map(
          (e) => html`<tr>
      <td>${formatDate(e.occurredAt, lang, true)}</td>
      <td>${who(ctx, e)}</td>
      <td>${e.purposeTitle?.[lang] ?? t('noPurpose')}</td>
      <td>${e.categories.map((c) => t(categoryLabel(c))).join(', ')}</td>
      <td>${t(OUTCOME_LABEL[e.outcome])}</td>
    </tr>`,
        )
      : html`<tr><td colspan="5" class="no-entries">${t('noAccess')}</td></tr>`
  }</tbody>
</table>
</div>`,
  });
}
