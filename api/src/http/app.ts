// Assembles Lupa's HTTP surface as one fetch handler: health probes, GraphQL, and (as later
// modules land) the token endpoint, JWKS, the resident page and the admin UI. Tests call
// `app.fetch` in-process; `server.ts` puts the same handler behind node:http.
import type { Database, PicKeys } from '@lupa/db';
import { type CheckpointPolicy, createCheckpointer, DEFAULT_CHECKPOINT_POLICY } from '../audit/checkpoint.js';
import { AuditSequencer } from '../audit/sequencer.js';
import { signCheckpointsAfterWrites } from '../audit/write-checkpoints.js';
import type { HubContext } from '../auth/index.js';
import type { AppConfig } from '../config/index.js';
import { clientAddressOf, trustedProxies } from '../config/trusted-proxies.js';
import { createConsentPage } from '../consent-page/index.js';
import { PrivacyGate } from '../enforcement/privacy-gate.js';
import { useAuditTrail } from '../graphql/audit-plugin.js';
import type { Context, Principal } from '../graphql/context.js';
import { createLupaYoga } from '../graphql/yoga.js';
import type { Logger } from '../log/index.js';
import { createSignInThrottle } from '../officers/session.js';
import { createAdminExportRoutes } from './admin-exports.js';
import { createAdminStatic } from './admin-static.js';
import { BODY_LIMITS, PayloadTooLargeError, readBodyWithin } from './body-limit.js';
import { checkReadiness } from './health.js';
import { handleOauthMetadata, OAUTH_METADATA_PATH } from './oauth-metadata.js';
import { CredentialError, resolvePrincipal } from './principal.js';
import { handleReceiptVerification } from './receipt-verify.js';
import { requestIdFrom } from './request-id.js';
import { BASE_SECURITY_HEADERS, json, problem } from './responses.js';
import { createPrismaJtiStore, handleTokenRequest } from './token-endpoint.js';

export interface AppDependencies {
  config: AppConfig;
  db: Database;
  log: Logger;
  /** Names of the migrations this build expects to find applied. */
  migrations: readonly string[];
  /** The hub's keys and identity: signs and verifies every token. */
  hub: HubContext;
  /** Keys that protect personal identity codes at rest. */
  picKeys: PicKeys;
  /** The clock; tests substitute their own. */
  clock?: () => Date;
  /** The audit sequencer; by default one over `db` that signs checkpoints with the hub key. */
  audit?: AuditSequencer;
  checkpointPolicy?: CheckpointPolicy;
  /** Where the built admin UI lives; desktop/dist/renderer by default. */
  adminRoot?: string;
}

export interface LupaApp {
  /**
   * `clientAddress`: the socket's peer address from the server; absent in-process. The client
   * address the rate limits use is derived from it here, once (config/trusted-proxies.ts).
   */
  fetch(request: Request, meta?: { clientAddress?: string }): Promise<Response>;
  audit: AuditSequencer;
}

type Route = (request: Request, requestId: string, clientAddress?: string) => Promise<Response>;

export function createApp(deps: AppDependencies): LupaApp {
  const clock = deps.clock ?? (() => new Date());
  const isDevelopment = deps.config.env !== 'production';
  // Browsers that once reached an https deployment never try plain http for it again.
  const hsts = deps.config.env === 'production' && deps.config.publicUrl.startsWith('https:');
  // What the route learned about a request before handing it to yoga.
  const admitted = new WeakMap<
    Request,
    { requestId: string; principal: Principal; now: Date; clientAddress: string | null }
  >();
  const signInThrottle = createSignInThrottle(deps.picKeys);
  // Rate limits key on the client address; a listed proxy's X-Forwarded-For names the client.
  const isTrustedProxy = trustedProxies(deps.config.trustedProxies);
  const jtiStore = createPrismaJtiStore(deps.db.prisma);
  const tokenEndpointUrl = `${deps.config.publicUrl}/oauth/token`;
  const reportError = (error: unknown, message: string) => deps.log.error({ err: error }, message);
  // One checkpointer for the sequencer's batches and for writes' own transactions, so its
  // count and its owed retry cover both.
  const checkpointer = createCheckpointer(deps.hub, deps.checkpointPolicy ?? DEFAULT_CHECKPOINT_POLICY, clock);
  const audit = deps.audit ?? new AuditSequencer(deps.db, { afterAppend: checkpointer, reportError });
  signCheckpointsAfterWrites(deps.db.prisma, { sign: checkpointer.afterWrite, reportError });

  const yoga = createLupaYoga({
    isDevelopment,
    graphiql: deps.config.graphiql,
    introspection: deps.config.introspection,
    corsOrigins: deps.config.corsOrigins,
    plugins: [useAuditTrail(audit)],
    buildContext: async (request): Promise<Context> => {
      const entry = admitted.get(request);
      // Every request reaches yoga through the /graphql route, which admits it first.
      if (!entry) throw new Error('request reached GraphQL without being admitted');
      const { requestId, principal, now, clientAddress } = entry;
      return {
        requestId,
        principal,
        now,
        db: deps.db,
        prisma: deps.db.prisma,
        config: deps.config,
        hub: deps.hub,
        picKeys: deps.picKeys,
        privacy: new PrivacyGate(deps.db.prisma, principal, now),
        log: deps.log.child({ requestId }),
        clientAddress,
        signInThrottle,
      };
    },
  });

  // The resident page (sign-in, consents, access history, export) at `/` and below.
  const consentPage = createConsentPage({ ...deps, audit, clock });
  // The officers' admin UI (desktop/dist/renderer) at /admin/.
  const adminStatic = createAdminStatic(deps.adminRoot);

  const routes: Record<string, Route> = {
    ...consentPage.routes,
    // Officers' CSV downloads (audit extract, records of processing), streamed.
    ...createAdminExportRoutes({ prisma: deps.db.prisma, sql: deps.db.sql, hub: deps.hub, audit, clock }),
    '/healthz': async () => json({ status: 'ok' }),
    '/readyz': async () => {
      const readiness = await checkReadiness(deps.db, deps.migrations);
      return json(readiness, readiness.ready ? 200 : 503);
    },
    '/graphql': async (request, requestId, clientAddress) => {
      // Read (capped) before anything else, so an oversized body costs no token check.
      const body = await readBodyWithin(request, BODY_LIMITS.graphql);
      const now = clock();
      let principal: Principal;
      try {
        principal = await resolvePrincipal(request, { hub: deps.hub, prisma: deps.db.prisma, sql: deps.db.sql, now });
      } catch (error) {
        if (!(error instanceof CredentialError)) throw error;
        return json({ errors: [{ message: error.message, extensions: { code: error.code } }] }, 401, {
          'www-authenticate': `Bearer error="invalid_token", error_description="${error.code}"`,
        });
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
      const forwarded = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: hasBody ? body : null,
      });
      admitted.set(forwarded, { requestId, principal, now, clientAddress: clientAddress ?? null });
      return withGraphQLErrorBody(await yoga.fetch(forwarded));
    },
    '/oauth/token': (request) =>
      handleTokenRequest(request, {
        prisma: deps.db.prisma,
        hub: deps.hub,
        jtiStore,
        tokenEndpointUrl,
        explainRefusals: deps.config.env !== 'production',
        now: clock,
      }),
    [OAUTH_METADATA_PATH]: (request) => handleOauthMetadata(request, { issuer: deps.hub.issuer, tokenEndpointUrl }),
    '/consent-receipts/verify': (request) => handleReceiptVerification(request, deps.hub, clock),
    '/.well-known/jwks.json': async () =>
      json(await deps.hub.keys.jwks(), 200, { 'cache-control': 'public, max-age=300' }),
  };

  return {
    audit,
    async fetch(request, meta = {}) {
      const started = performance.now();
      const clientAddress = clientAddressOf(meta.clientAddress, request.headers.get('x-forwarded-for'), isTrustedProxy);
      const requestId = requestIdFrom(request);
      const { pathname } = new URL(request.url);
      const route = routes[pathname] ?? consentPage.match(pathname) ?? adminStatic.match(pathname);
      let response: Response;
      try {
        response = route
          ? await route(request, requestId, clientAddress)
          : problem(404, 'NOT_FOUND', 'There is nothing at this address.');
      } catch (error) {
        if (error instanceof PayloadTooLargeError) {
          // A route that reads a body and does not answer the refusal in its own shape.
          response = tooLarge(pathname, error);
        } else {
          // Unexpected failures are logged with the request id and answered without detail.
          deps.log.error({ err: error, requestId, path: pathname }, 'request failed');
          const message = `Something went wrong. Quote request id ${requestId} when reporting it.`;
          // A developer sees the cause in the answer too; a deployment only in its log.
          response =
            deps.config.env === 'development'
              ? json(
                  {
                    error: 'INTERNAL',
                    code: 'INTERNAL',
                    message,
                    detail: error instanceof Error ? error.message : String(error),
                  },
                  500,
                )
              : problem(500, 'INTERNAL', message);
        }
      }
      for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) {
        if (!response.headers.has(name)) response.headers.set(name, value);
      }
      if (hsts) response.headers.set('strict-transport-security', HSTS);
      response.headers.set('x-request-id', requestId);
      // Method, path and status only: never query strings, bodies or headers, which can carry
      // tokens and personal data.
      deps.log.info(
        {
          requestId,
          method: request.method,
          path: pathname,
          status: response.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
      return response;
    },
  };
}

/**
 * 413 in the endpoint's own error shape: GraphQL clients read `errors[].extensions.code`,
 * everything else Lupa's `{ error, code, message }`. `connection: close` ends the upload:
 * the client is told to stop sending instead of the server discarding the rest.
 */
function tooLarge(pathname: string, error: PayloadTooLargeError): Response {
  const headers = { connection: 'close' };
  if (pathname === '/graphql') {
    return json({ errors: [{ message: error.message, extensions: { code: error.code } }] }, 413, headers);
  }
  return problem(413, error.code, error.message, headers);
}

/**
 * yoga refuses some requests with a bare status (415 for a content type it does not read);
 * a GraphQL client then has no `errors` to show. Such answers get one, with a code.
 */
function withGraphQLErrorBody(response: Response): Response {
  if (response.status < 400 || (response.headers.get('content-type') ?? '').includes('json')) return response;
  const [code, message] = BARE_REFUSALS[response.status] ?? ['BAD_REQUEST', 'The request could not be read.'];
  const headers: Record<string, string> = {};
  for (const name of ['allow', 'accept']) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  return json({ errors: [{ message, extensions: { code } }] }, response.status, headers);
}

const BARE_REFUSALS: Record<number, [string, string]> = {
  405: ['METHOD_NOT_ALLOWED', 'Use POST, or GET for queries.'],
  406: ['NOT_ACCEPTABLE', 'Accept application/graphql-response+json or application/json.'],
  415: [
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the operation as application/json (or application/graphql+json), or as a GET query string.',
  ],
};

/** Two years, subdomains included: the value hstspreload.org asks for, without opting in. */
const HSTS = 'max-age=63072000; includeSubDomains';
