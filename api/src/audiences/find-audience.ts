// One page of an audience: ids from the database in id order or a sort key's (keyset either
// way, so a page costs the same wherever it is), re-checked against the consent state the privacy engine derives,
// and a count of the whole audience on request. A fixed number of queries whatever the
// page size: the page (with the columns its fields read, when the caller names them),
// consents of the page (one batch), count. The page and the count go through plain SQL on
// Prisma's own connections (prisma/src/sql.ts): they are on every list request's path, and
// a raw statement through Prisma's client costs about ten times the CPU.
import { Prisma, type Sql } from '@lupa/db';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import { NO_CONSENT } from '../privacy/index.js';
import type { ResidentSortKey } from '../privacy/personal-fields.js';
import { isInRowScope } from '../privacy/privacy-plan.js';
import type { AudienceCriteria } from './audience-criteria.js';
import { type ResidentScope, residentsFromSql } from './audience-sql.js';

export interface AudiencePage<Row extends PageRow = PageRow> {
  ids: string[];
  /**
   * The kept rows, in page order: their Art. 18 flag (enough to decide their fields without
   * another read) and the columns the caller asked for.
   */
  residents: Row[];
  /** The first and last rows the database gave, kept or not: where the next pages start. */
  firstId: string | null;
  lastId: string | null;
  /** More rows in the direction walked. */
  more: boolean;
  countAll(): Promise<number>;
}

export interface PageRow {
  id: string;
  restricted: boolean;
}

/** The column each sort key orders by (ties, and ID, by id); the field table gives its category. */
const SORT_COLUMNS: Record<ResidentSortKey, Prisma.Sql | null> = {
  ID: null,
  LAST_NAME: Prisma.sql`r."lastName"`,
  BIRTH_DATE: Prisma.sql`r."birthDate"`,
  DISTRICT: Prisma.sql`r.district`,
};

export async function findAudiencePage<Row extends PageRow = PageRow>({
  sql,
  gate,
  scope,
  criteria,
  now,
  first,
  cursorId,
  backward = false,
  orderBy = 'ID',
  columns,
}: {
  sql: Sql;
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
  /**
   * More columns of `"Resident" r` to read with the page (a select list), so its rows need
   * no second statement. Rows the re-check leaves out are dropped with their columns.
   */
  columns?: Prisma.Sql;
}): Promise<AudiencePage<Row>> {
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
  const select = columns
    ? Prisma.sql`SELECT r.id::text AS id, r.restricted, ${columns}`
    : Prisma.sql`SELECT r.id::text AS id, r.restricted`;
  const statement = Prisma.sql`${select} ${from} ${cursor} ${order} LIMIT ${first + 1}::int`;
  const { rows } = await sql.query<Row>(statement.text, statement.values);
  const more = rows.length > first;
  const candidates = rows.slice(0, first);
  if (backward) candidates.reverse();
  const ids = await keepConsented({ gate, scope, ids: candidates.map((r) => r.id) });
  const kept = new Set(ids);
  let count: Promise<number> | undefined;
  return {
    ids,
    residents: candidates.filter((r) => kept.has(r.id)),
    firstId: candidates[0]?.id ?? null,
    lastId: candidates.at(-1)?.id ?? null,
    more,
    countAll() {
      // JIT off for this statement only: the count is a nested loop over index probes, whose
      // estimated cost (one consent lookup per resident in scope) crosses jit_above_cost on a
      // large municipality, and compiling it took ~280 ms per request on 1,000,000
      // residents — longer than a third of the query itself — with nothing gained at run time.
      const counting = Prisma.sql`SELECT count(*)::int AS n ${from}`;
      count ??= sql
        .transaction(async (tx) => {
          await tx.query('SET LOCAL jit = off');
          return tx.query<{ n: number }>(counting.text, counting.values);
        })
        .then(({ rows: [row] }) => Number(row?.n ?? 0));
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
