// The page frame: language attribute, skip link, language switcher, navigation, one h1.
// No inline script or style anywhere (the CSP forbids them); CSS and JS are static files.
import { html, type SafeHtml } from '../html.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/index.js';
import type { ViewContext } from './context.js';

export interface PageContent {
  title: string;
  body: SafeHtml;
  /** Same-origin address to move on to at once (after sign-in; see the sign-in handlers). */
  refreshTo?: string;
}

export function csrfField(ctx: ViewContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

function languageSwitcher(ctx: ViewContext): SafeHtml {
  const items = LANGUAGES.map((lang) => {
    const href = `/language?${new URLSearchParams({ lang, next: ctx.path }).toString()}`;
    return html`<li><a href="${href}" lang="${lang}" hreflang="${lang}"${
      lang === ctx.lang ? html` aria-current="true"` : ''
    }>${LANGUAGE_NAMES[lang]}</a></li>`;
  });
  return html`<nav class="languages" aria-label="${ctx.t('languageNav')}"><ul>${items}</ul></nav>`;
}

function mainNavigation(ctx: ViewContext): SafeHtml {
  if (!ctx.session) return html``;
  const link = (href: string, label: string) =>
    html`<li><a href="${href}"${ctx.path.split('?')[0] === href ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="main-nav" aria-label="${ctx.t('mainNav')}"><ul>
      ${link('/', ctx.t('navPurposes'))}
      ${link('/access-log', ctx.t('navAccessLog'))}
      <li><a href="/my-data.json" download>${ctx.t('navDownload')}</a></li>
    </ul>
    <form method="post" action="/auth/sign-out" class="sign-out">${csrfField(ctx)}<button type="submit">${ctx.t(
      'signOut',
    )}</button></form>
  </nav>`;
}

export function renderPage(ctx: ViewContext, content: PageContent): string {
  const page = html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${content.refreshTo ? html`<meta http-equiv="refresh" content="0; url=${content.refreshTo}">` : ''}
<title>${content.title} – ${ctx.t('appName')}</title>
<link rel="stylesheet" href="/static/page.css">
<script src="/static/page.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${ctx.t('skipToContent')}</a>
<header class="site-header">
  <p class="brand"><a href="/">${ctx.t('appName')}</a> <span>${ctx.t('municipality')}</span></p>
  ${languageSwitcher(ctx)}
  ${mainNavigation(ctx)}
</header>
<main id="main" tabindex="-1">
<h1>${content.title}</h1>
${content.body}
</main>
<footer class="site-footer"><p>${ctx.t('municipality')}</p></footer>
</body>
</html>`;
  return page.value;
}
