// The sign-in page (magic link and strong identification) and the answers around it.
import { html } from '../html.js';
import type { MessageKey } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { csrfField, renderPage } from './layout.js';

export function signInPage(ctx: ViewContext, form: { email?: string; emailError?: boolean } = {}): string {
  const t = ctx.t;
  const describedBy = form.emailError ? 'email-hint email-error' : 'email-hint';
  return renderPage(ctx, {
    title: t('signInTitle'),
    body: html`<p>${t('signInIntro')}</p>
<section aria-labelledby="magic-heading">
  <h2 id="magic-heading">${t('magicLinkHeading')}</h2>
  <form method="post" action="/auth/magic-link" novalidate>
    ${csrfField(ctx)}
    <div class="field">
      <label for="email">${t('emailLabel')}</label>
      <p id="email-hint" class="hint">${t('emailHint')}</p>
      ${form.emailError ? html`<p id="email-error" class="error"><span>${t('errorPrefix')}</span> ${t('emailInvalid')}</p>` : ''}
      <input id="email" name="email" type="email" autocomplete="email" required value="${form.email ?? ''}"
        aria-describedby="${describedBy}"${form.emailError ? html` aria-invalid="true" autofocus` : ''}>
    </div>
    <button type="submit">${t('sendLink')}</button>
  </form>
</section>
<section aria-labelledby="ident-heading">
  <h2 id="ident-heading">${t('identHeading')}</h2>
  <p>${t('identBody')}</p>
  <p><a class="button" href="/auth/login">${t('identButton')}</a></p>
</section>`,
  });
}

/**
 * What the link in the mail opens: a button, not the session itself. Mail scanners and link
 * previews fetch links with GET; were GET to sign in, they would use up the resident's link
 * (and a link planted on someone else would sign them into the planter's account).
 */
export function magicLinkConfirmPage(ctx: ViewContext, token: string): string {
  return renderPage(ctx, {
    title: ctx.t('magicConfirmTitle'),
    body: html`<p>${ctx.t('magicConfirmBody')}</p>
<form method="post" action="/auth/magic">
  ${csrfField(ctx)}
  <input type="hidden" name="token" value="${token}">
  <button type="submit">${ctx.t('magicConfirmButton')}</button>
</form>`,
  });
}

/** A short page with a heading, a sentence (announced as a status) and a way on. */
export function messagePage(
  ctx: ViewContext,
  title: MessageKey,
  body: MessageKey,
  link?: { href: string; label: MessageKey },
  refreshTo?: string,
): string {
  return renderPage(ctx, {
    title: ctx.t(title),
    refreshTo,
    body: html`<p role="status">${ctx.t(body)}</p>${
      link ? html`<p><a href="${link.href}">${ctx.t(link.label)}</a></p>` : ''
    }`,
  });
}

export function signedInPage(ctx: ViewContext): string {
  // Answered with 200 and an immediate refresh rather than a redirect: a sign-in finished
  // from a mail client or the identity provider is a cross-site navigation, and browsers
  // withhold SameSite=Strict cookies across its redirect chain but send them on the refresh.
  return renderPage(ctx, {
    title: ctx.t('signedInTitle'),
    refreshTo: '/',
    body: html`<p><a href="/">${ctx.t('continue')}</a></p>`,
  });
}
