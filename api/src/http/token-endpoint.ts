// POST /oauth/token — OAuth 2.0 client credentials with private_key_jwt client
// authentication (RFC 6749 §4.4, RFC 7523 §2.2). The request names exactly one purpose;
// the answer is a short-lived access token bound to service, organisation and the purpose
// version in force. Errors follow RFC 6749 §5.2 and add Lupa's own `code`.
import { Prisma, type PrismaClient } from '@lupa/db';
import type { JWK } from 'jose';
import {
  type HubContext,
  issueServiceAccessToken,
  type JtiStore,
  TokenError,
  verifyClientAssertion,
} from '../auth/index.js';
import { BODY_LIMITS, PayloadTooLargeError, readBodyWithin } from './body-limit.js';
import { json } from './responses.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

// No WWW-Authenticate on a 401: the client authenticated in the body, not with an
// Authorization scheme (RFC 6749 §5.2 asks for the header only then), and a Bearer challenge
// makes openid-client report the challenge instead of error_description.
function oauthError(status: number, error: string, code: string, description: string): Response {
  return json({ error, error_description: description, code }, status);
}

export function createPrismaJtiStore(prisma: PrismaClient): JtiStore {
  return {
    async remember({ jti, clientId, expiresAt, now }) {
      await prisma.clientAssertionJti.deleteMany({ where: { expiresAt: { lt: now } } });
      try {
        await prisma.clientAssertionJti.create({ data: { jti, clientId, expiresAt } });
        return true;
      } catch (error) {
        // The primary key makes "seen before" atomic across every API process.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
        throw error;
      }
    },
  };
}

export interface TokenEndpointDeps {
  prisma: PrismaClient;
  hub: HubContext;
  jtiStore: JtiStore;
  tokenEndpointUrl: string;
  /** Say which check refused a client assertion and what it expected (never in production). */
  explainRefusals: boolean;
  now: () => Date;
}

export async function handleTokenRequest(request: Request, deps: TokenEndpointDeps): Promise<Response> {
  if (request.method !== 'POST') {
    return json({ error: 'invalid_request', code: 'METHOD_NOT_ALLOWED', error_description: 'Use POST.' }, 405, {
      allow: 'POST',
    });
  }
  if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'BAD_CONTENT_TYPE', 'Send application/x-www-form-urlencoded.');
  }
  let text: string;
  try {
    text = await readBodyWithin(request, BODY_LIMITS.oauthToken);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    return json({ error: 'invalid_request', code: error.code, error_description: error.message }, 413, {
      connection: 'close',
    });
  }
  const form = new URLSearchParams(text);
  for (const name of ['grant_type', 'client_assertion_type', 'client_assertion', 'purpose']) {
    if (form.getAll(name).length > 1) {
      return oauthError(400, 'invalid_request', 'REPEATED_PARAMETER', `Give ${name} once.`);
    }
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'UNSUPPORTED_GRANT_TYPE', 'Only client_credentials is supported.');
  }
  if (form.get('client_assertion_type') !== ASSERTION_TYPE || !form.get('client_assertion')) {
    return oauthError(
      401,
      'invalid_client',
      'CLIENT_ASSERTION_REQUIRED',
      `Authenticate with private_key_jwt: client_assertion_type=${ASSERTION_TYPE} and a signed client_assertion.`,
    );
  }
  const purposeSlug = form.get('purpose') ?? '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(purposeSlug)) {
    return oauthError(400, 'invalid_scope', 'PURPOSE_REQUIRED', 'Name exactly one purpose: purpose=<slug>.');
  }

  const now = deps.now();
  let clientId: string;
  try {
    ({ clientId } = await verifyClientAssertion(form.get('client_assertion'), {
      issuer: deps.hub.issuer,
      tokenEndpointUrl: deps.tokenEndpointUrl,
      resolveServiceKeys: (id) => resolveServiceKeys(deps.prisma, id),
      jtiStore: deps.jtiStore,
      now,
    }));
  } catch (error) {
    if (error instanceof TokenError) {
      const description = deps.explainRefusals && error.detail ? `${error.message} ${error.detail}` : error.message;
      return oauthError(401, 'invalid_client', error.code, description);
    }
    throw error;
  }

  const service = await deps.prisma.service.findUnique({ where: { clientId } });
  if (service?.status !== 'ACTIVE') {
    return oauthError(401, 'invalid_client', 'SERVICE_DISABLED', 'This service is not active.');
  }
  const purpose = await deps.prisma.purpose.findUnique({
    where: { slug: purposeSlug },
    include: { versions: { where: { status: 'PUBLISHED' }, take: 1, include: { recipients: true } } },
  });
  const version = purpose?.versions[0];
  if (!purpose || !version) {
    return oauthError(400, 'invalid_scope', 'PURPOSE_NOT_ACTIVE', 'No purpose with that name is in force.');
  }
  const mayUse =
    purpose.controllerId === service.organisationId ||
    version.recipients.some((r) => r.organisationId === service.organisationId);
  if (!mayUse) {
    return oauthError(
      400,
      'invalid_scope',
      'NOT_A_RECIPIENT',
      "This service's organisation is neither the purpose's controller nor one of its recipients.",
    );
  }
  const issued = await issueServiceAccessToken(
    deps.hub,
    {
      serviceId: service.id,
      clientId,
      organisationId: service.organisationId,
      purpose: purpose.slug,
      purposeVersion: version.id,
    },
    { now },
  );
  return json({
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    purpose: purpose.slug,
    purpose_version: version.version,
  });
}

async function resolveServiceKeys(prisma: PrismaClient, clientId: string): Promise<JWK[]> {
  const keys = await prisma.serviceKey.findMany({
    where: { revokedAt: null, service: { clientId, status: 'ACTIVE' } },
    select: { publicJwk: true },
  });
  return keys.map((k) => k.publicJwk as JWK);
}
