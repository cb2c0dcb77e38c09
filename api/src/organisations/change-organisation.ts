// Registering and renaming organisations (controllers and recipients of purposes).
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';

export interface OrganisationNames {
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

export async function createOrganisation(
  options: WriteOptions & {
    organisation: OrganisationNames & { slug: string; businessId: string; kind: 'MUNICIPAL' | 'THIRD_SECTOR' };
  },
): Promise<{ organisationId: string }> {
  const { organisation } = options;
  return auditedTransaction(options.prisma, async (tx) => {
    const taken = await tx.organisation.findFirst({
      where: { OR: [{ slug: organisation.slug }, { businessId: organisation.businessId }] },
    });
    if (taken) throw new ConflictError('An organisation with that slug or business ID exists', 'DUPLICATE');
    const created = await tx.organisation.create({ data: organisation });
    return {
      result: { organisationId: created.id },
      audit: [
        auditEvent(options, {
          kind: 'organisation.create',
          organisationId: created.id,
          payload: { slug: created.slug, businessId: created.businessId },
        }),
      ],
    };
  });
}

export async function renameOrganisation(
  options: WriteOptions & { organisationId: string; names: OrganisationNames },
): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const existing = await tx.organisation.findUnique({ where: { id: options.organisationId } });
    if (!existing) throw new NotFoundError('No such organisation');
    await tx.organisation.update({ where: { id: existing.id }, data: options.names });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'organisation.rename',
          organisationId: existing.id,
          payload: { slug: existing.slug },
        }),
      ],
    };
  });
}
