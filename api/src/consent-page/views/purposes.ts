// "How my data is used": every purpose that concerns the resident, consent-based ones with
// one button each (grant, withdraw, confirm), the rest listed with their legal basis.
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/index.js';
import type { ResidentPurpose } from '../purposes-data.js';
import type { ViewContext } from './context.js';
import { basisLabel, categoryLabel, STATE_LABEL } from './labels.js';
import { csrfField, renderPage } from './layout.js';

function purposeFacts(ctx: ViewContext, p: ResidentPurpose): SafeHtml {
  const t = ctx.t;
  const lang = ctx.lang;
  return html`<dl class="facts">
    <div><dt>${t('controllerLabel')}</dt><dd>${p.controller[lang]}</dd></div>
    <div><dt>${t('recipientsLabel')}</dt><dd>${
      p.recipients.length ? p.recipients.map((r) => r[lang]).join(', ') : t('noRecipients')
    }</dd></div>
    <div><dt>${t('dataUsedLabel')}</dt><dd>${p.categories.map((c) => t(categoryLabel(c))).join(', ')}</dd></div>
    <div><dt>${t('legalBasisLabel')}</dt><dd>${t(basisLabel(p.legalBasis))}</dd></div>
  </dl>`;
}

function consentAction(ctx: ViewContext, p: ResidentPurpose): SafeHtml {
  const t = ctx.t;
  const title = p.title[ctx.lang];
  if (p.state === 'granted' || p.state === 'unconfirmed') {
    return html`<div class="actions">
      ${
        p.state === 'unconfirmed' && p.pendingConsentId
          ? html`<form method="post" action="/consents/confirm">${csrfField(ctx)}
          <input type="hidden" name="consent" value="${p.pendingConsentId}">
          <button type="submit" aria-label="${`${t('confirm')}: ${title}`}">${t('confirm')}</button></form>`
          : ''
      }
      <a class="button secondary" href="/consents/withdraw?purpose=${encodeURIComponent(p.slug)}"
        aria-label="${`${t('withdraw')}: ${title}`}">${t('withdraw')}</a>
    </div>`;
  }
  return html`<form method="post" action="/consents/grant" class="actions">${csrfField(ctx)}
    <input type="hidden" name="purpose" value="${p.slug}">
    <button type="submit" aria-label="${`${t('grant')}: ${title}`}">${t('grant')}</button></form>`;
}

function consentCard(ctx: ViewContext, p: ResidentPurpose): SafeHtml {
  const t = ctx.t;
  const id = `purpose-${p.slug}`;
  return html`<li class="purpose" id="${id}">
    <article aria-labelledby="${id}-title">
      <h3 id="${id}-title">${p.title[ctx.lang]}</h3>
      <p>${p.description[ctx.lang]}</p>
      ${purposeFacts(ctx, p)}
      <p class="state state-${p.state}"><span class="label">${t('stateLabel')}:</span> <strong>${t(
        STATE_LABEL[p.state],
      )}</strong>${
        p.expiresAt
          ? html` <span class="muted">(${t('validUntil', { date: formatDate(p.expiresAt, ctx.lang) })})</span>`
          : ''
      }</p>
      ${consentAction(ctx, p)}
    </article>
  </li>`;
}

export function purposesPage(ctx: ViewContext, purposes: ResidentPurpose[]): string {
  const t = ctx.t;
  const consentBased = purposes.filter((p) => p.legalBasis === 'CONSENT');
  const other = purposes.filter((p) => p.legalBasis !== 'CONSENT');
  return renderPage(ctx, {
    title: t('purposesTitle'),
    body: html`<p class="greeting">${t('greeting', { name: ctx.session?.firstName ?? '' })}</p>
<p>${t('purposesIntro')}</p>
<section aria-labelledby="consent-heading">
  <h2 id="consent-heading">${t('consentSection')}</h2>
  <ul class="purposes">${consentBased.map((p) => consentCard(ctx, p))}</ul>
</section>
<section aria-labelledby="other-heading">
  <h2 id="other-heading">${t('otherSection')}</h2>
  <p>${t('otherSectionIntro')}</p>
  ${
    other.length
      ? html`<ul class="purposes">${other.map(
          (p) => html`<li class="purpose"><article aria-labelledby="purpose-${p.slug}-title">
            <h3 id="purpose-${p.slug}-title">${p.title[ctx.lang]}</h3>
            <p>${p.description[ctx.lang]}</p>${purposeFacts(ctx, p)}</article></li>`,
        )}</ul>`
      : html`<p>${t('noOtherPurposes')}</p>`
  }
</section>
<section aria-labelledby="download-heading">
  <h2 id="download-heading">${t('downloadHeading')}</h2>
  <p>${t('downloadIntro')}</p>
  <p><a class="button secondary" href="/my-data.json" download>${t('navDownload')}</a></p>
</section>`,
  });
}
