// Strong identification through an OpenID Connect provider (Suomi.fi in production, the
// demo provider elsewhere), and the demo provider's own endpoints.
import { blindIndexPic, decryptPic } from '@lupa/db';
import { OIDC_COOKIE, serializeCookie } from '../cookies.js';
import {
  completeAuthorization,
  createAuthorizationRequest,
  decodeTransaction,
  encodeTransaction,
  OidcError,
} from '../oidc/client.js';
import type { DemoIdentityProvider } from '../oidc/demo-idp.js';
import type { OidcRuntime } from '../oidc/settings.js';
import {
  type ConsentPageDeps,
  isTrustedPost,
  type PageRequest,
  pageResponse,
  readForm,
  redirectResponse,
} from '../page-request.js';
import { demoIdpPage } from '../views/demo-idp.js';
import { forbidden, message, notFound } from './common.js';
import { startSession } from './sign-in.js';

const OIDC_COOKIE_PATH = '/auth';

export async function getLogin(runtime: OidcRuntime, page: PageRequest): Promise<Response> {
  const { url, transaction } = createAuthorizationRequest(runtime);
  // Lax, not Strict: the provider sends the browser back with a cross-site top-level GET,
  // on which a Strict cookie would be withheld. HttpOnly and ten minutes long.
  page.setCookies.push(
    serializeCookie(OIDC_COOKIE, encodeTransaction(transaction), {
      secure: page.secure,
      sameSite: 'Lax',
      path: OIDC_COOKIE_PATH,
      maxAgeSeconds: 600,
    }),
  );
  return redirectResponse(page, url);
}

export async function getCallback(deps: ConsentPageDeps, runtime: OidcRuntime, page: PageRequest): Promise<Response> {
  const transaction = decodeTransaction(page.cookies.get(OIDC_COOKIE));
  // The transaction is spent whatever happens next.
  page.setCookies.push(
    serializeCookie(OIDC_COOKIE, '', {
      secure: page.secure,
      sameSite: 'Lax',
      path: OIDC_COOKIE_PATH,
      maxAgeSeconds: 0,
    }),
  );
  let pic: string;
  try {
    pic = await completeAuthorization(runtime, transaction, page.url.searchParams, page.now);
  } catch (error) {
    deps.log.warn({ requestId: page.requestId, reason: (error as Error).message }, 'identification refused');
    if (error instanceof OidcError || (error instanceof Error && 'code' in error)) {
      return message(page, 400, 'signInFailedTitle', 'signInFailedBody');
    }
    throw error;
  }
  const resident = await deps.db.prisma.resident.findUnique({
    where: { picBlindIndex: blindIndexPic(pic, deps.picKeys) },
    select: { id: true },
  });
  if (!resident) return message(page, 400, 'signInFailedTitle', 'signInFailedBody');
  return startSession(deps, page, resident.id);
}

async function demoExamples(deps: ConsentPageDeps): Promise<{ pic: string; name: string }[]> {
  const residents = await deps.db.prisma.resident.findMany({
    take: 5,
    orderBy: { createdAt: 'asc' },
    select: { picCiphertext: true, firstName: true, lastName: true },
  });
  // Synthetic seed persons only (9xx test-range identity codes): this page never runs in production.
  return residents.map((r) => ({
    pic: decryptPic(r.picCiphertext, deps.picKeys),
    name: `${r.firstName} ${r.lastName}`,
  }));
}

export async function handleDemoAuthorize(
  deps: ConsentPageDeps,
  idp: DemoIdentityProvider,
  page: PageRequest,
): Promise<Response> {
  if (page.request.method === 'GET') {
    const params = idp.parseAuthorize(page.url.searchParams);
    if (!params) return notFound(page);
    return pageResponse(page, demoIdpPage(page.view, params, await demoExamples(deps)));
  }
  const form = await readForm(page.request);
  if (!isTrustedPost(page, form)) return forbidden(page);
  const params = idp.parseAuthorize(form);
  if (!params) return notFound(page);
  const pic = (form.get('pic') ?? '').trim().toUpperCase();
  const resident = pic
    ? await deps.db.prisma.resident.findUnique({
        where: { picBlindIndex: blindIndexPic(pic, deps.picKeys) },
        select: { id: true },
      })
    : null;
  if (!resident) {
    return pageResponse(page, demoIdpPage(page.view, params, await demoExamples(deps), true), 400);
  }
  return redirectResponse(page, idp.issueCode(params, pic));
}
