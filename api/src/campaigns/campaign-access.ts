// Who may see a campaign and its reach: officers with campaign:read, and services of the
// organisation that ran it or of the controller of its purpose (the controller answers for
// the processing, so it sees what its recipients did with it).
import type { Prisma } from '@lupa/db';
import type { Principal } from '../auth/index.js';

export function campaignsVisibleTo(principal: Principal): Prisma.CampaignWhereInput {
  if (principal.kind === 'officer') return principal.scopes.includes('campaign:read') ? {} : { id: { in: [] } };
  if (principal.kind !== 'service') return { id: { in: [] } };
  return {
    OR: [{ organisationId: principal.organisationId }, { purpose: { controllerId: principal.organisationId } }],
  };
}

export function canSeeCampaign(
  principal: Principal,
  campaign: { organisationId: string; purposeControllerId: string },
): boolean {
  if (principal.kind === 'officer') return principal.scopes.includes('campaign:read');
  if (principal.kind !== 'service') return false;
  return (
    campaign.organisationId === principal.organisationId || campaign.purposeControllerId === principal.organisationId
  );
}
