// Reach and response rates of campaigns: counts only, two grouped queries for any number
// of campaigns (a page of campaigns costs the same as one).
import type { PrismaClient } from '@lupa/db';

export interface CampaignReach {
  sent: number;
  opened: number;
  answered: number;
  tookPart: number;
}

export async function loadCampaignReach(
  prisma: PrismaClient,
  campaignIds: readonly string[],
): Promise<Map<string, CampaignReach>> {
  const ids = [...campaignIds];
  const [sends, responses] = await Promise.all([
    prisma.campaignSend.groupBy({ by: ['campaignId'], where: { campaignId: { in: ids } }, _count: { _all: true } }),
    prisma.campaignResponse.groupBy({
      by: ['campaignId', 'kind'],
      where: { campaignId: { in: ids } },
      _count: { _all: true },
    }),
  ]);
  const reach = new Map<string, CampaignReach>(ids.map((id) => [id, { sent: 0, opened: 0, answered: 0, tookPart: 0 }]));
  for (const row of sends) {
    const entry = reach.get(row.campaignId);
    if (entry) entry.sent = row._count._all;
  }
  for (const row of responses) {
    const entry = reach.get(row.campaignId);
    if (!entry) continue;
    if (row.kind === 'OPENED') entry.opened = row._count._all;
    else if (row.kind === 'ANSWERED') entry.answered = row._count._all;
    else entry.tookPart = row._count._all;
  }
  return reach;
}

/** A share of the sends, 0–1, or null before anything was sent. */
export function computeRate({ count, sent }: { count: number; sent: number }): number | null {
  return sent === 0 ? null : count / sent;
}
