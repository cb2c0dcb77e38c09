// A campaign's population is decided once, when it is created: the residents its audience
// criteria select through the purpose's rules at that moment (consent in force for a
// version covering what the criteria read, Art. 18 restriction respected), re-checked with
// the privacy engine's own consent decision exactly like an audience page. From then on
// the membership is fixed: sends are accepted only for members and insight counts members,
// so nothing a service reports afterwards can put a resident into a population or take
// one out (see docs/insight.md).
import { Prisma, type PrismaClient } from '@lupa/db';
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import { type ResidentScope, residentsFromSql } from '../audiences/audience-sql.js';
import { keepConsented } from '../audiences/find-audience.js';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';

/** The ids in the campaign's audience now, in id order. */
export async function freezeCampaignAudience({
  prisma,
  gate,
  scope,
  criteria,
  now,
}: {
  prisma: PrismaClient;
  gate: PrivacyGate;
  scope: ResidentScope;
  criteria: AudienceCriteria;
  now: Date;
}): Promise<string[]> {
  const from = residentsFromSql({ scope, criteria, now });
  const rows = await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id::text AS id ${from} ORDER BY r.id`);
  return keepConsented({ gate, scope, ids: rows.map((r) => r.id) });
}

/** The ids among `residentIds` that are members of the campaign (its frozen audience). */
export async function keepCampaignMembers({
  prisma,
  campaignId,
  residentIds,
}: {
  prisma: PrismaClient;
  campaignId: string;
  residentIds: readonly string[];
}): Promise<string[]> {
  if (residentIds.length === 0) return [];
  const members = await prisma.campaignMember.findMany({
    where: { campaignId, residentId: { in: [...residentIds] } },
    select: { residentId: true },
  });
  const isMember = new Set(members.map((m) => m.residentId));
  return residentIds.filter((id) => isMember.has(id));
}
