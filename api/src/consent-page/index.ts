// The resident page, served by the API: routes keyed by path, plus the one pattern route
// (receipts). app.ts mounts these beside its own.

import { createRemoteJWKSet } from 'jose';
import { PayloadTooLargeError } from '../http/body-limit.js';
import { methodNotAllowed, notFound, payloadTooLarge } from './handlers/common.js';
import {
  getReceipt,
  getResult,
  getWithdrawConfirmation,
  postConsentChange,
  RECEIPT_PATH,
} from './handlers/consents.js';
import { getCallback, getLogin, handleDemoAuthorize } from './handlers/identification.js';
import { getAccessLog, getExport, getHome } from './handlers/resident-data.js';
import {
  getLanguage,
  getMagicLink,
  type MagicLinkLimits,
  postMagicLink,
  postMagicLinkConfirmation,
  postSignOut,
} from './handlers/sign-in.js';
import { DemoIdentityProvider } from './oidc/demo-idp.js';
import type { OidcRuntime } from './oidc/settings.js';
import { readOidcSettings } from './oidc/settings.js';
import { type ConsentPageDeps, type PageRequest, preparePageRequest } from './page-request.js';
import { TokenBucketLimiter } from './rate-limit.js';
import { createStaticRoutes } from './static-files.js';

export type { ConsentPageDeps } from './page-request.js';
export { PAGE_CSP } from './page-request.js';

export type ConsentPageRoute = (request: Request, requestId: string, clientAddress?: string) => Promise<Response>;

export interface ConsentPage {
  routes: Record<string, ConsentPageRoute>;
  /** Routes whose path carries a parameter. */
  match(pathname: string): ConsentPageRoute | undefined;
  limits: MagicLinkLimits;
}

export function createConsentPage(deps: ConsentPageDeps, env: NodeJS.ProcessEnv = process.env): ConsentPage {
  const nowMs = () => deps.clock().getTime();
  const limits: MagicLinkLimits = {
    // Three links per address, then one every five minutes.
    perAddress: new TokenBucketLimiter({ capacity: 3, refillPerSecond: 1 / 300, now: nowMs }),
    // Ten requests per client address, then one every thirty seconds.
    perClient: new TokenBucketLimiter({ capacity: 10, refillPerSecond: 1 / 30, now: nowMs }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  const external = readOidcSettings(env, deps.config.publicUrl);
  // The demo provider exists only outside production and only when no real one is configured.
  const demoIdp =
    !external && deps.config.env !== 'production'
      ? new DemoIdentityProvider(deps.config.publicUrl, deps.clock)
      : undefined;
  const oidc: OidcRuntime | undefined = external
    ? { settings: external, jwks: createRemoteJWKSet(new URL(external.jwksUri)), fetchToken: (r) => fetch(r) }
    : demoIdp?.runtime();

  const page =
    (methods: string[], handler: (page: PageRequest) => Promise<Response>): ConsentPageRoute =>
    async (request, requestId, clientAddress = 'unknown') => {
      const prepared = await preparePageRequest(deps, request, requestId, clientAddress);
      if (!methods.includes(request.method)) return methodNotAllowed(prepared, methods.join(', '));
      try {
        return await handler(prepared);
      } catch (error) {
        // readForm stopped reading an oversized form before the handler changed anything.
        if (error instanceof PayloadTooLargeError) return payloadTooLarge(prepared);
        throw error;
      }
    };

  const routes: Record<string, ConsentPageRoute> = {
    ...createStaticRoutes(),
    '/': page(['GET'], (p) => getHome(deps, p)),
    '/language': page(['GET'], (p) => getLanguage(deps, p)),
    '/auth/magic-link': page(['POST'], (p) => postMagicLink(deps, limits, p)),
    '/auth/magic': page(['GET', 'POST'], (p) =>
      p.request.method === 'GET' ? getMagicLink(deps, p) : postMagicLinkConfirmation(deps, p),
    ),
    '/auth/sign-out': page(['POST'], (p) => postSignOut(deps, p)),
    '/auth/login': page(['GET'], async (p) => (oidc ? getLogin(oidc, p) : notFound(p))),
    '/auth/callback': page(['GET'], async (p) => (oidc ? getCallback(deps, oidc, p) : notFound(p))),
    '/consents/grant': page(['POST'], (p) => postConsentChange(deps, p, 'grant')),
    '/consents/withdraw': page(['GET', 'POST'], (p) =>
      p.request.method === 'GET' ? getWithdrawConfirmation(deps, p) : postConsentChange(deps, p, 'withdraw'),
    ),
    '/consents/confirm': page(['POST'], (p) => postConsentChange(deps, p, 'confirm')),
    '/consents/result': page(['GET'], (p) => getResult(deps, p)),
    '/access-log': page(['GET'], (p) => getAccessLog(deps, p)),
    '/my-data.json': page(['GET'], (p) => getExport(deps, p)),
  };
  if (demoIdp) {
    routes['/auth/demo-idp/authorize'] = page(['GET', 'POST'], (p) => handleDemoAuthorize(deps, demoIdp, p));
    routes['/auth/demo-idp/token'] = (request) => demoIdp.handleToken(request);
  }

  return {
    routes,
    limits,
    match(pathname) {
      const receipt = RECEIPT_PATH.exec(pathname);
      if (receipt?.[1]) {
        const eventId = receipt[1];
        return page(['GET'], (p) => getReceipt(deps, p, eventId));
      }
      return undefined;
    },
  };
}
