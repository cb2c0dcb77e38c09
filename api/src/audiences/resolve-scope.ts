// Turns the request's purpose into the rows it may reach for a set of data categories: the
// row scope of the version's privacy plan, compiled once per version (privacy-plan.ts), so an
// audience or a statistics population is refused for exactly the reasons a field read would
// be, and no request looks up which versions cover what.
import type { PrismaClient } from '@lupa/db';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import type { DataCategorySlug, DenialReason } from '../privacy/index.js';
import type { ResidentSortKey } from '../privacy/personal-fields.js';
import type { ResidentScope } from './audience-sql.js';

export type ScopeResult = { denied: DenialReason } | { scope: ResidentScope };

export async function resolveResidentScope({
  gate,
  categories,
  orderBy,
}: {
  /** Unused since the plan holds the scope; kept so callers need not change. */
  prisma?: PrismaClient;
  gate: PrivacyGate;
  categories: readonly string[];
  orderBy?: ResidentSortKey;
}): Promise<ScopeResult> {
  // Category names come typed from the field table; one outside the catalogue is refused
  // by the plan like any unknown category.
  return gate.rowScope({ reads: categories as readonly DataCategorySlug[], orderBy });
}
