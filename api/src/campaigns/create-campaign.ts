// Creating a campaign freezes its population: the audience is taken once, through the
// purpose's rules (freeze-campaign-audience.ts), and stored with the campaign in one
// transaction, so a campaign never exists without its members or with a partial list.
// The same transaction writes its audit: campaign.create, and campaign.member.add for each
// member (putting a resident in an audience is processing their data, and the resident
// sees it in their access log). A failed audit insert leaves no campaign behind.
import { Prisma } from '@lupa/db';
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import type { ResidentScope } from '../audiences/audience-sql.js';
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
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

export interface CreateCampaignOptions extends WriteOptions {
  gate: PrivacyGate;
  /** The campaign purpose's scope for the categories the criteria (and contacting) read. */
  scope: ResidentScope;
  criteria: AudienceCriteria;
  campaign: NewCampaign;
}

export async function createCampaign(
  options: CreateCampaignOptions,
): Promise<{ campaignId: string; members: string[] }> {
  const { prisma, gate, scope, criteria, campaign, now } = options;
  const members = await freezeCampaignAudience({ prisma, gate, scope, criteria, now });
  const campaignId = await auditedTransaction(prisma, async (tx) => {
    const { id } = await tx.campaign.create({
      data: { ...campaign, audience: criteria as Prisma.InputJsonObject },
      select: { id: true },
    });
    // One array parameter however large the audience (a bound parameter per row would hit
    // PostgreSQL's 65,535 limit at about 30,000 members).
    await tx.$executeRaw(Prisma.sql`INSERT INTO "CampaignMember" ("campaignId", "residentId")
      SELECT ${id}::uuid, unnest(${members}::uuid[])`);
    const purpose = { purposeId: campaign.purposeId, purposeVersionId: campaign.purposeVersionId };
    return {
      result: id,
      audit: [
        auditEvent(options, {
          kind: 'campaign.create',
          payload: { campaignId: id, members: members.length },
          ...purpose,
        }),
        ...members.map((residentId) =>
          auditEvent(options, {
            kind: 'campaign.member.add',
            payload: { campaignId: id },
            residentId,
            fieldsReturned: ['write:campaignMember'],
            ...purpose,
          }),
        ),
      ],
    };
  });
  return { campaignId, members };
}
