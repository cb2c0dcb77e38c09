// Adding to the vocabulary of data categories that purposes draw on.
import type { Prisma } from '@lupa/db';
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError } from '../core/errors.js';

export async function createDataCategory(
  options: WriteOptions & { category: Prisma.DataCategoryCreateInput & { slug: string } },
): Promise<{ categoryId: string }> {
  return auditedTransaction(options.prisma, async (tx) => {
    if (await tx.dataCategory.findUnique({ where: { slug: options.category.slug } })) {
      throw new ConflictError('A data category with that slug exists', 'DUPLICATE');
    }
    const created = await tx.dataCategory.create({ data: options.category });
    return {
      result: { categoryId: created.id },
      audit: [
        auditEvent(options, { kind: 'data_category.create', payload: { categoryId: created.id, slug: created.slug } }),
      ],
    };
  });
}
