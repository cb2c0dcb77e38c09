// Creating a campaign freezes its population: the audience is taken once, through the
// purpose's rules (freeze-campaign-audience.ts), and stored with the campaign in one
// transaction, so a campaign never exists without its members or with a partial list.
import { Prisma, type PrismaClient } from '@lupa/db';
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import type { ResidentScope } from '../audiences/audience-sql.js';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import { freezeCampaignAudience } from './freeze-campaign-audience.js';

export interface NewCampaign {
  purposeId: string;
  purposeVersionId: string;
  organisationId: string;
  serviceId: string;
  name: string;
  messageFi: string;
  messageSv: string;
  messageEn: string;
  channel: 'EMAIL' | 'SMS' | 'LETTER';
}

export async function createCampaign({
  prisma,
  gate,
  scope,
  criteria,
  campaign,
  now,
}: {
  prisma: PrismaClient;
  gate: PrivacyGate;
  /** The campaign purpose's scope for the categories the criteria (and contacting) read. */
  scope: ResidentScope;
  criteria: AudienceCriteria;
  campaign: NewCampaign;
  now: Date;
}): Promise<{ campaignId: string; members: string[] }> {
  const members = await freezeCampaignAudience({ prisma, gate, scope, criteria, now });
  const campaignId = await prisma.$transaction(async (tx) => {
    const { id } = await tx.campaign.create({
      data: { ...campaign, audience: criteria as Prisma.InputJsonObject },
      select: { id: true },
    });
    // One array parameter however large the audience (a bound parameter per row would hit
    // PostgreSQL's 65,535 limit at about 30,000 members).
    await tx.$executeRaw(Prisma.sql`INSERT INTO "CampaignMember" ("campaignId", "residentId")
      SELECT ${id}::uuid, unnest(${members}::uuid[])`);
    return id;
  });
  return { campaignId, members };
}
