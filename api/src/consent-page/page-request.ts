// Per-request state of the resident page (cookies, session, language, CSRF binding) and
// the response helpers that give every page the same security headers.
import { randomBytes } from 'node:crypto';
import type { Database, PicKeys } from '@lupa/db';
import type { AuditSequencer } from '../audit/sequencer.js';
import type { HubContext } from '../auth/index.js';
import type { AppConfig } from '../config/index.js';
import { BODY_LIMITS, readBodyWithin } from '../http/body-limit.js';
import type { Logger } from '../log/index.js';
import {
  cookiesNeedSecure,
  LANGUAGE_COOKIE,
  PRE_SESSION_COOKIE,
  parseCookies,
  SESSION_COOKIE,
  serializeCookie,
} from './cookies.js';
import { csrfTokenFor, isCrossSiteRequest, isValidCsrfToken } from './csrf.js';
import { createTranslator, isLang, type Lang, type Translate } from './i18n/index.js';
import { findResidentSession, type ResidentSessionInfo } from './session.js';
import type { ViewContext } from './views/context.js';

export interface ConsentPageDeps {
  config: AppConfig;
  db: Database;
  hub: HubContext;
  picKeys: PicKeys;
  log: Logger;
  audit: AuditSequencer;
  clock: () => Date;
}

/**
 * A strict policy: only our own static script and stylesheet, no inline code, no framing,
 * forms post only to us. Sent on every answer of the resident page, downloads included.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export interface PageRequest {
  request: Request;
  url: URL;
  requestId: string;
  clientAddress: string;
  now: Date;
  cookies: Map<string, string>;
  session: ResidentSessionInfo | null;
  lang: Lang;
  t: Translate;
  secure: boolean;
  /** The secret this request's CSRF tokens are bound to (session token or pre-session value). */
  csrfBinding: string;
  setCookies: string[];
  view: ViewContext;
}

const PRE_SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function preparePageRequest(
  deps: ConsentPageDeps,
  request: Request,
  requestId: string,
  clientAddress: string,
): Promise<PageRequest> {
  const url = new URL(request.url);
  const now = deps.clock();
  const cookies = parseCookies(request.headers.get('cookie'));
  const secure = cookiesNeedSecure(deps.config.publicUrl);
  const session = await findResidentSession(deps.db.prisma, cookies.get(SESSION_COOKIE), now);
  const chosen = cookies.get(LANGUAGE_COOKIE);
  // A chosen language wins; after sign-in the resident's stored language is the default.
  const lang: Lang = isLang(chosen) ? chosen : session ? (session.language.toLowerCase() as Lang) : 'fi';
  const setCookies: string[] = [];
  let preSession = cookies.get(PRE_SESSION_COOKIE);
  if (!preSession || !PRE_SESSION_PATTERN.test(preSession)) {
    preSession = randomBytes(32).toString('base64url');
    setCookies.push(serializeCookie(PRE_SESSION_COOKIE, preSession, { secure, maxAgeSeconds: 24 * 60 * 60 }));
  }
  const csrfBinding = session?.token ?? preSession;
  const t = createTranslator(lang);
  return {
    request,
    url,
    requestId,
    clientAddress,
    now,
    cookies,
    session,
    lang,
    t,
    secure,
    csrfBinding,
    setCookies,
    view: { lang, t, session, csrfToken: csrfTokenFor(csrfBinding), path: `${url.pathname}${url.search}` },
  };
}

export function pageResponse(
  page: PageRequest,
  body: string,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const response = new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS, ...headers },
  });
  for (const cookie of page.setCookies) response.headers.append('set-cookie', cookie);
  return response;
}

export function redirectResponse(page: PageRequest, location: string): Response {
  return pageResponse(page, '', 303, { location });
}

/**
 * An urlencoded form body, or null if it is not a form. A body over the cap throws
 * PayloadTooLargeError, which the page router answers with a 413 page.
 */
export async function readForm(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  return new URLSearchParams(await readBodyWithin(request, BODY_LIMITS.residentForm));
}

/** Fetch Metadata first, then the synchronizer token; both must pass for any POST. */
export function isTrustedPost(page: PageRequest, form: URLSearchParams | null): form is URLSearchParams {
  if (page.request.method !== 'POST' || !form) return false;
  if (isCrossSiteRequest(page.request)) return false;
  return isValidCsrfToken(page.csrfBinding, form.get('_csrf'));
}
