// The demo identity provider's page: pick a synthetic test person by identity code.
import { html } from '../html.js';
import type { AuthorizeParams } from '../oidc/demo-idp.js';
import type { ViewContext } from './context.js';
import { csrfField, renderPage } from './layout.js';

export function demoIdpPage(
  ctx: ViewContext,
  params: AuthorizeParams,
  examples: { pic: string; name: string }[],
  picError = false,
): string {
  const t = ctx.t;
  return renderPage(ctx, {
    title: t('demoIdpTitle'),
    body: html`<p>${t('demoIdpIntro')}</p>
<form method="post" action="/auth/demo-idp/authorize" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="response_type" value="code">
  <input type="hidden" name="code_challenge_method" value="S256">
  <input type="hidden" name="client_id" value="${params.clientId}">
  <input type="hidden" name="redirect_uri" value="${params.redirectUri}">
  <input type="hidden" name="state" value="${params.state}">
  <input type="hidden" name="nonce" value="${params.nonce}">
  <input type="hidden" name="code_challenge" value="${params.codeChallenge}">
  <div class="field">
    <label for="pic">${t('picLabel')}</label>
    ${picError ? html`<p id="pic-error" class="error"><span>${t('errorPrefix')}</span> ${t('picNotFound')}</p>` : ''}
    <input id="pic" name="pic" type="text" autocomplete="off" required
      ${picError ? html`aria-invalid="true" aria-describedby="pic-error" autofocus` : ''}>
  </div>
  <button type="submit">${t('identButton')}</button>
</form>
<h2>${t('examplesLabel')}</h2>
<ul class="examples">${examples.map((e) => html`<li><code>${e.pic}</code> ${e.name}</li>`)}</ul>`,
  });
}
