// The Resident columns each resident type reads with its row, in one place for both ways a
// row is loaded: Prisma's select (resident(id), node(id), a page that asks for relations) and
// the plain SQL of a page (audiences/find-audience.ts), which selects the same columns in the
// statement that chooses the page. Either way the row carries only what the type's fields
// read; every field is still decided by the privacy gate before its value leaves.
import { Prisma } from '@lupa/db';

/** What both resident types always need: enough to decide and to generalise an address. */
const DECISION_COLUMNS = { id: true, restricted: true, postalCode: true, district: true } as const;

export const RESIDENT_COLUMNS = {
  ...DECISION_COLUMNS,
  picCiphertext: true,
  firstName: true,
  lastName: true,
  birthDate: true,
  language: true,
  householdType: true,
  email: true,
  phone: true,
  streetAddress: true,
  city: true,
} as const satisfies Prisma.ResidentSelect;

export const AUDIENCE_MEMBER_COLUMNS = {
  ...DECISION_COLUMNS,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  language: true,
} as const satisfies Prisma.ResidentSelect;

/**
 * A select list over `"Resident" r` giving each column as Prisma gives it: the id as text,
 * the birth date (a `date`) as a Date at UTC midnight rather than the driver's local one.
 */
export function residentColumnsSql(columns: Prisma.ResidentSelect): Prisma.Sql {
  const list = Object.keys(columns).map((column) => {
    if (column === 'id') return 'r.id::text AS id';
    if (column === 'birthDate') return `(r."birthDate"::timestamp AT TIME ZONE 'UTC') AS "birthDate"`;
    return `r."${column}"`;
  });
  return Prisma.raw(list.join(', '));
}
