// Batch-loads the consent state of the residents a request touches: one query for the whole
// page, whatever its size (no N+1). Built per request; a withdrawal committed before the
// request started is always seen.
import type { PrismaClient } from '@lupa/db';
import DataLoader from 'dataloader';
import { type ConsentRecord, type ConsentState, deriveConsentState } from '../privacy/index.js';

/** Every Consent row of these residents for the purpose, shaped for deriveConsentState. */
export async function loadConsentRecords(
  prisma: PrismaClient,
  purposeId: string,
  residentIds: readonly string[],
): Promise<Map<string, ConsentRecord[]>> {
  const rows = await prisma.consent.findMany({
    where: { purposeId, residentId: { in: [...residentIds] } },
    select: {
      residentId: true,
      grantedAt: true,
      expiresAt: true,
      needsConfirmation: true,
      events: { select: { type: true, occurredAt: true } },
      purposeVersion: {
        select: {
          id: true,
          purposeId: true,
          version: true,
          categories: { select: { accessLevel: true, category: { select: { slug: true } } } },
        },
      },
    },
  });
  const byResident = new Map<string, ConsentRecord[]>();
  for (const row of rows) {
    const records = byResident.get(row.residentId) ?? [];
    records.push({
      grantedAt: row.grantedAt,
      expiresAt: row.expiresAt,
      needsConfirmation: row.needsConfirmation,
      events: row.events,
      consentedVersion: {
        id: row.purposeVersion.id,
        purposeId: row.purposeVersion.purposeId,
        version: row.purposeVersion.version,
        categories: Object.fromEntries(row.purposeVersion.categories.map((c) => [c.category.slug, c.accessLevel])),
      },
    });
    byResident.set(row.residentId, records);
  }
  return byResident;
}

export function createConsentLoader(
  prisma: PrismaClient,
  purposeId: string,
  now: Date,
): DataLoader<string, ConsentState> {
  return new DataLoader<string, ConsentState>(async (residentIds) => {
    const byResident = await loadConsentRecords(prisma, purposeId, residentIds);
    return residentIds.map((id) => deriveConsentState({ purposeId, records: byResident.get(id) ?? [], now }));
  });
}
