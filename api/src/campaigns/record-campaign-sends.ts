// Sends and responses a service reports for its campaign. Each is a fact about a resident,
// so it is accepted only for residents who are in the campaign's audience right now (a
// resident who withdrew since is refused) and recorded in the access log as a write.
import { Prisma, type PrismaClient } from '@lupa/db';
import { type AudienceCriteria, type CampaignResponseKind, publicCriteria } from '../audiences/audience-criteria.js';
import { type ResidentScope, residentsFromSql } from '../audiences/audience-sql.js';
import { keepConsented } from '../audiences/find-audience.js';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';

/** The ids among `residentIds` that are in the audience now, re-checked like an audience page. */
export async function filterAudienceMembers({
  prisma,
  gate,
  scope,
  criteria,
  residentIds,
  now,
}: {
  prisma: PrismaClient;
  gate: PrivacyGate;
  scope: ResidentScope;
  criteria: AudienceCriteria;
  residentIds: readonly string[];
  now: Date;
}): Promise<string[]> {
  if (residentIds.length === 0) return [];
  const from = residentsFromSql({ scope, criteria: { ...publicCriteria(criteria), residentIds }, now });
  const rows = await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id::text AS id ${from} ORDER BY r.id`);
  return keepConsented({ gate, scope, ids: rows.map((r) => r.id) });
}

export async function recordCampaignSends({
  prisma,
  campaignId,
  residentIds,
  now,
}: {
  prisma: PrismaClient;
  campaignId: string;
  residentIds: readonly string[];
  now: Date;
}): Promise<number> {
  const result = await prisma.campaignSend.createMany({
    data: residentIds.map((residentId) => ({ campaignId, residentId, sentAt: now })),
    skipDuplicates: true,
  });
  return result.count;
}

/** Responses count only from residents the campaign was sent to. */
export async function recordCampaignResponses({
  prisma,
  campaignId,
  responses,
  now,
}: {
  prisma: PrismaClient;
  campaignId: string;
  responses: readonly { residentId: string; kind: CampaignResponseKind }[];
  now: Date;
}): Promise<{ recorded: { residentId: string; kind: CampaignResponseKind }[] }> {
  const sent = await prisma.campaignSend.findMany({
    where: { campaignId, residentId: { in: responses.map((r) => r.residentId) } },
    select: { residentId: true },
  });
  const sentTo = new Set(sent.map((s) => s.residentId));
  const recorded = responses.filter((r) => sentTo.has(r.residentId));
  await prisma.campaignResponse.createMany({
    data: recorded.map((r) => ({ campaignId, residentId: r.residentId, kind: r.kind, occurredAt: now })),
    skipDuplicates: true,
  });
  return { recorded };
}
