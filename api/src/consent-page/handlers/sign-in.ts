// Sign-in by magic link, sign-out and the language switch.
import { LANGUAGE_COOKIE, serializeCookie } from '../cookies.js';
import { isLang } from '../i18n/index.js';
import {
  consumeMagicLink,
  emailHash,
  isPlausibleEmail,
  isUsableMagicLink,
  MAGIC_LINK_MIN_RESPONSE_MS,
  normaliseEmail,
  requestMagicLink,
} from '../magic-link.js';
import {
  type ConsentPageDeps,
  isTrustedPost,
  type PageRequest,
  pageResponse,
  readForm,
  redirectResponse,
} from '../page-request.js';
import type { TokenBucketLimiter } from '../rate-limit.js';
import { redirectTarget } from '../redirect-target.js';
import { clearedSessionCookie, revokeResidentSession, sessionCookie, startResidentSession } from '../session.js';
import { magicLinkConfirmPage, messagePage, signedInPage, signInPage } from '../views/sign-in.js';
import { forbidden, message } from './common.js';

export interface MagicLinkLimits {
  perAddress: TokenBucketLimiter;
  perClient: TokenBucketLimiter;
  /** Waits; tests may observe it. */
  sleep: (ms: number) => Promise<void>;
}

export async function postMagicLink(
  deps: ConsentPageDeps,
  limits: MagicLinkLimits,
  page: PageRequest,
): Promise<Response> {
  const form = await readForm(page.request);
  if (!isTrustedPost(page, form)) return forbidden(page);
  const email = normaliseEmail(form.get('email') ?? '');
  if (!isPlausibleEmail(email)) {
    return pageResponse(page, signInPage(page.view, { email, emailError: true }), 400);
  }
  // Both buckets are charged on every attempt; either one empty refuses. Neither depends on
  // whether the address exists, so a 429 reveals nothing about it.
  const clientAllowed = limits.perClient.take(page.clientAddress);
  const addressAllowed = limits.perAddress.take(emailHash(email));
  if (!clientAllowed || !addressAllowed) {
    return message(page, 429, 'tooManyTitle', 'tooManyBody');
  }
  const started = performance.now();
  await requestMagicLink({
    prisma: deps.db.prisma,
    email,
    now: page.now,
    publicUrl: deps.config.publicUrl,
    lang: page.lang,
    log: deps.log,
    logLink: deps.config.env === 'development',
  });
  // A constant floor on the answer time hides the mail insert an existing address costs.
  await limits.sleep(Math.max(0, MAGIC_LINK_MIN_RESPONSE_MS - (performance.now() - started)));
  return pageResponse(
    page,
    messagePage(page.view, 'linkSentTitle', 'linkSentBody', { href: '/', label: 'backToSignIn' }),
  );
}

/** The link from the mail: shows the sign-in button (see magicLinkConfirmPage for why). */
export async function getMagicLink(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  const token = page.url.searchParams.get('token');
  if (!(await isUsableMagicLink(deps.db.prisma, token, page.now))) {
    return message(page, 400, 'linkInvalidTitle', 'linkInvalidBody');
  }
  return pageResponse(page, magicLinkConfirmPage(page.view, token as string));
}

/** The button on that page: uses the link up and starts the session. */
export async function postMagicLinkConfirmation(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  const form = await readForm(page.request);
  if (!isTrustedPost(page, form)) return forbidden(page);
  const residentId = await consumeMagicLink(deps.db.prisma, form.get('token') ?? null, page.now);
  if (!residentId) return message(page, 400, 'linkInvalidTitle', 'linkInvalidBody');
  return startSession(deps, page, residentId);
}

export async function startSession(deps: ConsentPageDeps, page: PageRequest, residentId: string): Promise<Response> {
  // A fresh token on every sign-in (no session fixation); any earlier session cookie of this
  // browser is simply replaced.
  const { token } = await startResidentSession(deps.db.prisma, residentId, page.now);
  page.setCookies.push(sessionCookie(token, page.secure));
  return pageResponse(page, signedInPage({ ...page.view, session: null }));
}

export async function postSignOut(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  const form = await readForm(page.request);
  if (!isTrustedPost(page, form)) return forbidden(page);
  if (page.session) await revokeResidentSession(deps.db.prisma, page.session.sessionId, page.now);
  page.setCookies.push(clearedSessionCookie(page.secure));
  return redirectResponse(page, '/');
}

export async function getLanguage(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  const lang = page.url.searchParams.get('lang');
  // Refused before the cookie is set: a hostile link changes nothing.
  const target = redirectTarget(page.url.searchParams.get('next'), deps.config.publicUrl);
  if (!target.ok) return message(page, 400, 'badRedirectTitle', 'badRedirectBody');
  if (isLang(lang)) {
    page.setCookies.push(serializeCookie(LANGUAGE_COOKIE, lang, { secure: page.secure, maxAgeSeconds: 365 * 86_400 }));
  }
  return redirectResponse(page, target.location);
}
