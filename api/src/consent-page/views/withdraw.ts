// The confirmation before a withdrawal: what stops (the purpose, and who stops receiving
// data) and what continues under other legal bases. One more button, no more friction than
// granting took (GDPR Art. 7(3)).
import { html } from '../html.js';
import type { ResidentPurpose } from '../purposes-data.js';
import type { ViewContext } from './context.js';
import { basisLabel } from './labels.js';
import { csrfField, renderPage } from './layout.js';

export function withdrawConfirmPage(ctx: ViewContext, purpose: ResidentPurpose, continuing: ResidentPurpose[]): string {
  const t = ctx.t;
  const lang = ctx.lang;
  const title = purpose.title[lang];
  return renderPage(ctx, {
    title: t('withdrawTitle'),
    body: html`<p class="lead">${t('withdrawQuestion', { purpose: title })}</p>
<section aria-labelledby="stops-heading">
  <h2 id="stops-heading">${t('withdrawStops')}</h2>
  <p>${t('withdrawStopsBody', { controller: purpose.controller[lang] })}</p>
  ${
    purpose.recipients.length
      ? html`<p>${t('withdrawRecipientsStop')}</p><ul>${purpose.recipients.map((r) => html`<li>${r[lang]}</li>`)}</ul>`
      : ''
  }
  <p>${t('withdrawPast')}</p>
</section>
<section aria-labelledby="continues-heading">
  <h2 id="continues-heading">${t('withdrawContinues')}</h2>
  ${
    continuing.length
      ? html`<p>${t('withdrawContinuesBody')}</p><ul>${continuing.map(
          (p) => html`<li>${p.title[lang]} (${t(basisLabel(p.legalBasis))}; ${p.controller[lang]})</li>`,
        )}</ul>`
      : html`<p>${t('noOtherPurposes')}</p>`
  }
</section>
<form method="post" action="/consents/withdraw" class="actions">
  ${csrfField(ctx)}
  <input type="hidden" name="purpose" value="${purpose.slug}">
  <button type="submit">${t('withdraw')}</button>
  <a class="button secondary" href="/#purpose-${purpose.slug}">${t('goBack')}</a>
</form>`,
  });
}
