// Bulk inserts for the seed: one statement per table per batch, the rows travelling as a
// single JSON parameter that PostgreSQL unpacks (jsonb_to_recordset). Prisma's createMany
// binds a parameter per value and each distinct batch shape costs a compiled query plan,
// which made the seed's memory grow with the number of residents; this keeps it flat and
// is several times faster. Existing rows are skipped, as createMany's skipDuplicates did.
import type { PrismaClient } from '../../generated/client/client.js';

type Tx = Pick<PrismaClient, '$executeRawUnsafe'>;

/** Column name → SQL type; `enum:Name` casts text to that enum type. */
export type ColumnTypes = Record<string, string>;

function selectExpression(column: string, type: string): string {
  return type.startsWith('enum:') ? `r."${column}"::"${type.slice(5)}"` : `r."${column}"`;
}

function recordType(type: string): string {
  return type.startsWith('enum:') ? 'text' : type;
}

export async function insertRows(tx: Tx, table: string, columns: ColumnTypes, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const sql = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')})
SELECT ${names.map((n) => selectExpression(n, columns[n] as string)).join(', ')}
FROM jsonb_to_recordset($1::jsonb) AS r(${names.map((n) => `"${n}" ${recordType(columns[n] as string)}`).join(', ')})
ON CONFLICT DO NOTHING`;
  await tx.$executeRawUnsafe(sql, JSON.stringify(rows));
}

export const RESIDENT_COLUMNS: ColumnTypes = {
  id: 'uuid',
  picCiphertext: 'text',
  picBlindIndex: 'text',
  firstName: 'text',
  lastName: 'text',
  birthDate: 'date',
  email: 'text',
  phone: 'text',
  streetAddress: 'text',
  postalCode: 'text',
  city: 'text',
  district: 'text',
  language: 'enum:Language',
  householdType: 'enum:HouseholdType',
  restricted: 'boolean',
  updatedAt: 'timestamptz',
};

export const INTEREST_COLUMNS: ColumnTypes = { residentId: 'uuid', topicId: 'uuid' };

export const USAGE_COLUMNS: ColumnTypes = {
  id: 'uuid',
  residentId: 'uuid',
  organisationId: 'uuid',
  serviceId: 'uuid',
  kind: 'enum:ServiceUsageKind',
  offeringCode: 'text',
  offeringName: 'text',
  startedAt: 'timestamptz',
};

export const ACCESSIBILITY_COLUMNS: ColumnTypes = {
  id: 'uuid',
  residentId: 'uuid',
  kind: 'enum:AccessibilityNeedKind',
};

export const CONSENT_COLUMNS: ColumnTypes = {
  id: 'uuid',
  residentId: 'uuid',
  purposeId: 'uuid',
  purposeVersionId: 'uuid',
  channel: 'enum:ConsentChannel',
  grantedAt: 'timestamptz',
  expiresAt: 'timestamptz',
  wordingShown: 'text',
  evidence: 'jsonb',
};

export const CONSENT_EVENT_COLUMNS: ColumnTypes = {
  id: 'uuid',
  consentId: 'uuid',
  residentId: 'uuid',
  type: 'enum:ConsentEventType',
  occurredAt: 'timestamptz',
  channel: 'enum:ConsentChannel',
  actorKind: 'enum:ActorKind',
  actorId: 'text',
};
