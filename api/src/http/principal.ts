// Who a request speaks for. A bearer token is tried as the one kind its `typ` says it is;
// a token of one kind never passes as another (each kind has its own typ and audience).
// After the signature, the database has the last word: a disabled service, a retired
// purpose version, a revoked officer session or a disabled officer stop working at once,
// not when their tokens expire.
import type { PrismaClient, Sql } from '@lupa/db';
import { decodeProtectedHeader } from 'jose';
import {
  HUB_TOKEN_TYPES,
  type HubContext,
  TokenError,
  verifyOfficerToken,
  verifyServiceAccessToken,
} from '../auth/index.js';
import type { Principal } from '../graphql/context.js';

export class CredentialError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header.trim());
  if (!match) throw new CredentialError('TOKEN_INVALID', 'Authorization must be "Bearer <token>".');
  return match[1];
}

function tokenType(token: string): unknown {
  try {
    return decodeProtectedHeader(token).typ;
  } catch {
    return undefined;
  }
}

export async function resolvePrincipal(
  request: Request,
  deps: { hub: HubContext; prisma: PrismaClient; sql: Sql; now: Date },
): Promise<Principal> {
  const token = bearerToken(request);
  if (!token) return { kind: 'anonymous' };
  try {
    // The header only picks which verifier runs; that verifier checks typ again itself.
    if (tokenType(token) === HUB_TOKEN_TYPES.officerAccess) {
      const claims = await verifyOfficerToken(deps.hub, token, { now: deps.now });
      const session = await deps.prisma.officerSession.findUnique({
        where: { id: claims.sessionId },
        select: { revokedAt: true, officerId: true, officer: { select: { disabledAt: true } } },
      });
      if (!session || session.revokedAt || session.officerId !== claims.officerId || session.officer.disabledAt) {
        throw new CredentialError('SESSION_REVOKED', 'This session has ended. Sign in again.');
      }
      return {
        kind: 'officer',
        officerId: claims.officerId,
        roles: claims.roles,
        scopes: claims.scopes,
        sessionId: claims.sessionId,
      };
    }
    const claims = await verifyServiceAccessToken(deps.hub, token, { now: deps.now });
    // One statement for both checks; read fresh on every request, so disabling a service or
    // retiring a purpose stops its tokens at once, whatever their remaining lifetime.
    // Plain SQL rather than Prisma: it runs on every request, and Prisma's cost per call
    // would be most of its cost (prisma/src/sql.ts).
    const {
      rows: [row],
    } = await deps.sql.query<{
      serviceStatus: string | null;
      organisationId: string | null;
      versionStatus: string | null;
      purposeId: string | null;
      slug: string | null;
    }>(
      `SELECT s.status::text AS "serviceStatus", s."organisationId"::text AS "organisationId",
              v.status::text AS "versionStatus", v."purposeId"::text AS "purposeId", p.slug
         FROM (SELECT 1) AS one
         LEFT JOIN "Service" s ON s.id = $1::uuid
         LEFT JOIN "PurposeVersion" v ON v.id = $2::uuid
         LEFT JOIN "Purpose" p ON p.id = v."purposeId"`,
      [claims.serviceId, claims.purposeVersion],
    );
    const service = row?.serviceStatus ? { status: row.serviceStatus, organisationId: row.organisationId } : null;
    const version =
      row?.versionStatus && row.purposeId
        ? { status: row.versionStatus, purposeId: row.purposeId, purpose: { slug: row.slug } }
        : null;
    if (service?.status !== 'ACTIVE' || service.organisationId !== claims.organisationId) {
      throw new CredentialError('SERVICE_DISABLED', 'This service is not active. Ask a Lupa administrator.');
    }
    if (version?.status !== 'PUBLISHED' || version.purpose.slug !== claims.purpose) {
      throw new CredentialError('PURPOSE_NOT_ACTIVE', 'The purpose version this token names is no longer in force.');
    }
    return {
      kind: 'service',
      serviceId: claims.serviceId,
      clientId: claims.clientId,
      organisationId: claims.organisationId,
      purposeId: version.purposeId,
      purposeSlug: claims.purpose,
      purposeVersionId: claims.purposeVersion,
      tokenId: claims.jti,
    };
  } catch (error) {
    if (error instanceof TokenError) throw new CredentialError(error.code, error.message);
    throw error;
  }
}
