// One page of an audience: ids from the database in id order or a sort key's (keyset either
// way, so a page costs the same wherever it is), re-checked against the consent state the privacy engine derives,
// and a count of the whole audience on request. A fixed number of queries whatever the
// page size: ids, consents of the page (one batch), count.
import { Prisma, type PrismaClient } from '@lupa/db';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import { NO_CONSENT } from '../privacy/index.js';
import type { ResidentSortKey } from '../privacy/personal-fields.js';
import { isInRowScope } from '../privacy/privacy-plan.js';
import type { AudienceCriteria } from './audience-criteria.js';
import { type ResidentScope, residentsFromSql } from './audience-sql.js';

export interface AudiencePage {
  ids: string[];
  /** The kept rows with their Art. 18 flag: enough to decide their fields without another read. */
  residents: { id: string; restricted: boolean }[];
  /** The first and last rows the database gave, kept or not: where the next pages start. */
  firstId: string | null;
  lastId: string | null;
  /** More rows in the direction walked. */
  more: boolean;
  countAll(): Promise<number>;
}

/** The column each sort key orders by (ties, and ID, by id); the field table gives its category. */
const SORT_COLUMNS: Record<ResidentSortKey, Prisma.Sql | null> = {
  ID: null,
  LAST_NAME: Prisma.sql`r."lastName"`,
  BIRTH_DATE: Prisma.sql`r."birthDate"`,
  DISTRICT: Prisma.sql`r.district`,
};

export async function findAudiencePage({
  prisma,
  gate,
  scope,
  criteria,
  now,
  first,
  cursorId,
  backward = false,
  orderBy = 'ID',
}: {
  prisma: PrismaClient;
  gate: PrivacyGate;
  scope: ResidentScope;
  criteria: AudienceCriteria;
  now: Date;
  first: number;
  /** Rows after this id (forward) or before it (backward). */
  cursorId: string | null;
  backward?: boolean;
  /** The scope must already read the key's category (privacy plan, row scope). */
  orderBy?: ResidentSortKey;
}): Promise<AudiencePage> {
  const from = residentsFromSql({ scope, criteria, now });
  const column = SORT_COLUMNS[orderBy];
  const after = backward ? Prisma.sql`<` : Prisma.sql`>`;
  const direction = backward ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // A cursor names only an id. For a sort key its value is read from the cursor's row *within
  // the same scope and criteria*: a forged cursor naming a resident outside them matches no
  // row (an empty page), so it cannot place that resident's value among the listed ones.
  const cursor = !cursorId
    ? Prisma.empty
    : column
      ? Prisma.sql`AND (${column}, r.id) ${after} (SELECT ${column}, r.id ${from} AND r.id = ${cursorId}::uuid)`
      : Prisma.sql`AND r.id ${after} ${cursorId}::uuid`;
  const order = column
    ? Prisma.sql`ORDER BY ${column} ${direction}, r.id ${direction}`
    : Prisma.sql`ORDER BY r.id ${direction}`;
  const rows = await prisma.$queryRaw<{ id: string; restricted: boolean }[]>(
    Prisma.sql`SELECT r.id::text AS id, r.restricted ${from} ${cursor} ${order} LIMIT ${first + 1}::int`,
  );
  const more = rows.length > first;
  const candidates = rows.slice(0, first).map((r) => r.id);
  if (backward) candidates.reverse();
  const ids = await keepConsented({ gate, scope, ids: candidates });
  const restricted = new Map(rows.map((r) => [r.id, r.restricted]));
  let count: Promise<number> | undefined;
  return {
    ids,
    residents: ids.map((id) => ({ id, restricted: restricted.get(id) === true })),
    firstId: candidates[0] ?? null,
    lastId: candidates.at(-1) ?? null,
    more,
    countAll() {
      // JIT off for this statement only: the count is a nested loop over index probes, whose
      // estimated cost (one consent lookup per resident in scope) crosses jit_above_cost on a
      // large municipality, and compiling it took ~280 ms per request on 1,000,000
      // residents — longer than a third of the query itself — with nothing gained at run time.
      count ??= prisma
        .$transaction([
          prisma.$executeRaw`SET LOCAL jit = off`,
          prisma.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n ${from}`),
        ])
        .then(([, r]) => Number(r[0]?.n ?? 0));
      return count;
    },
  };
}

/**
 * deriveConsentState has the last word: a resident the SQL let through but whose derived
 * state is not a valid consent to a covering version is left out (fail closed). The states
 * are loaded through the gate's per-request loader, which the fields then reuse.
 */
export async function keepConsented({
  gate,
  scope,
  ids,
}: {
  gate: PrivacyGate;
  scope: ResidentScope;
  ids: readonly string[];
}): Promise<string[]> {
  if (!scope.consent || ids.length === 0) return [...ids];
  const states = await gate.consentStates(ids);
  // Restriction is already in the SQL; here only consent is re-derived.
  return ids.filter((_, i) => isInRowScope(scope, { consent: states[i] ?? NO_CONSENT, restricted: false }, gate.now));
}
