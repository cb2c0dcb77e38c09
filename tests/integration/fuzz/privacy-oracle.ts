// The oracle for the fuzz suite: what the pure privacy engine would decide for a principal,
// purpose version and resident, computed from the database state with queries of its own
// (not the API's loaders) and `decideFieldAccess`. Only a granted decision lets a personal
// value out; anything non-null the engine would deny is a leak.
import type { PrismaClient } from '@lupa/db';
import {
  type AccessPrincipal,
  type ConsentRecord,
  type DecideFieldAccessInput,
  decideFieldAccess,
  deriveConsentState,
  type FieldAccessDecision,
  type PurposeVersionPolicy,
} from '../../../api/src/privacy/index.js';

export interface Violation {
  type: string;
  residentId: string;
  field: string;
  value: unknown;
  decision: FieldAccessDecision | 'no purpose';
}

export async function loadPolicy(prisma: PrismaClient, versionId: string): Promise<PurposeVersionPolicy> {
  const [version] = await prisma.$queryRawUnsafe<
    {
      id: string;
      purposeId: string;
      version: number;
      status: string;
      legalBasis: string;
      scb: string | null;
      controllerId: string;
    }[]
  >(
    `SELECT v.id, v."purposeId", v.version, v.status::text AS status, v."legalBasis"::text AS "legalBasis",
            v."specialCategoryBasis"::text AS scb, p."controllerId"
     FROM "PurposeVersion" v JOIN "Purpose" p ON p.id = v."purposeId" WHERE v.id = $1`,
    versionId,
  );
  if (!version) throw new Error(`no purpose version ${versionId}`);
  return {
    id: version.id,
    purposeId: version.purposeId,
    version: version.version,
    status: version.status as PurposeVersionPolicy['status'],
    legalBasis: version.legalBasis as PurposeVersionPolicy['legalBasis'],
    specialCategoryBasis: version.scb as PurposeVersionPolicy['specialCategoryBasis'],
    controllerId: version.controllerId,
    recipientIds: (
      await prisma.$queryRawUnsafe<{ organisationId: string }[]>(
        `SELECT "organisationId" FROM "PurposeVersionRecipient" WHERE "purposeVersionId" = $1`,
        versionId,
      )
    ).map((r) => r.organisationId),
    categories: await versionCategories(prisma, versionId),
  };
}

async function versionCategories(prisma: PrismaClient, versionId: string) {
  const rows = await prisma.$queryRawUnsafe<{ slug: string; level: string }[]>(
    `SELECT c.slug, pvc."accessLevel"::text AS level FROM "PurposeVersionCategory" pvc
     JOIN "DataCategory" c ON c.id = pvc."categoryId" WHERE pvc."purposeVersionId" = $1`,
    versionId,
  );
  return Object.fromEntries(rows.map((r) => [r.slug, r.level])) as PurposeVersionPolicy['categories'];
}

async function consentRecords(prisma: PrismaClient, purposeId: string, residentId: string): Promise<ConsentRecord[]> {
  const consents = await prisma.$queryRawUnsafe<
    {
      id: string;
      versionId: string;
      version: number;
      grantedAt: Date;
      expiresAt: Date | null;
      needsConfirmation: boolean;
    }[]
  >(
    `SELECT c.id, c."purposeVersionId" AS "versionId", v.version, c."grantedAt", c."expiresAt", c."needsConfirmation"
     FROM "Consent" c JOIN "PurposeVersion" v ON v.id = c."purposeVersionId"
     WHERE c."purposeId" = $1 AND c."residentId" = $2`,
    purposeId,
    residentId,
  );
  const records: ConsentRecord[] = [];
  for (const consent of consents) {
    const events = await prisma.$queryRawUnsafe<{ type: string; occurredAt: Date }[]>(
      `SELECT type::text AS type, "occurredAt" FROM "ConsentEvent" WHERE "consentId" = $1`,
      consent.id,
    );
    records.push({
      grantedAt: consent.grantedAt,
      expiresAt: consent.expiresAt,
      needsConfirmation: consent.needsConfirmation,
      events: events as ConsentRecord['events'],
      consentedVersion: {
        id: consent.versionId,
        purposeId,
        version: consent.version,
        categories: await versionCategories(prisma, consent.versionId),
      },
    });
  }
  return records;
}

export interface OracleRequest {
  principal: AccessPrincipal | undefined;
  /** The purpose version the request reads under; undefined when it reads under none. */
  versionId: string | undefined;
  now: Date;
}

/**
 * Walks a response: every object of a personal type, every non-null personal field on it,
 * checked against the engine's decision for that resident. Returns what should not be there.
 */
export async function findLeaks(
  prisma: PrismaClient,
  data: unknown,
  request: OracleRequest,
  types: Map<string, { idField: string; categories: Map<string, string> }>,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const policy = request.versionId ? await loadPolicy(prisma, request.versionId) : undefined;
  const residents = new Map<string, { restricted: boolean; consent: DecideFieldAccessInput['consent'] }>();

  async function residentFacts(residentId: string) {
    let facts = residents.get(residentId);
    if (!facts) {
      const [row] = await prisma.$queryRawUnsafe<{ restricted: boolean }[]>(
        `SELECT restricted FROM "Resident" WHERE id = $1`,
        residentId,
      );
      const records = policy ? await consentRecords(prisma, policy.purposeId, residentId) : [];
      facts = {
        restricted: row?.restricted ?? true,
        consent: policy
          ? deriveConsentState({ purposeId: policy.purposeId, records, now: request.now })
          : { kind: 'none' },
      };
      residents.set(residentId, facts);
    }
    return facts;
  }

  async function visit(value: unknown): Promise<void> {
    if (Array.isArray(value)) {
      for (const item of value) await visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const type = typeof object.__typename === 'string' ? types.get(object.__typename) : undefined;
    if (type) {
      const residentId = decodeResidentId(object[type.idField]);
      for (const [field, category] of type.categories) {
        const returned = object[field];
        if (returned === null || returned === undefined) continue;
        if (!residentId || !policy || !request.principal) {
          violations.push({
            type: String(object.__typename),
            residentId: String(residentId),
            field,
            value: returned,
            decision: 'no purpose',
          });
          continue;
        }
        const facts = await residentFacts(residentId);
        const decision = decideFieldAccess({
          principal: request.principal,
          purposeVersion: policy,
          consent: facts.consent,
          residentRestricted: facts.restricted,
          category,
          field,
          now: request.now,
        });
        if (decision.access === 'DENIED')
          violations.push({ type: String(object.__typename), residentId, field, value: returned, decision });
      }
    }
    for (const child of Object.values(object)) await visit(child);
  }

  await visit(data);
  return violations;
}

/** Relay global id `Resident:<uuid>` → uuid. */
export function decodeResidentId(globalId: unknown): string | undefined {
  if (typeof globalId !== 'string') return undefined;
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.startsWith('Resident:') ? decoded.slice('Resident:'.length) : undefined;
}
