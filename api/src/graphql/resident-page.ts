// One page of residents for any list that names them (residents, audience): the rows are
// chosen in SQL by the privacy plan's row scope — consent in force to a version covering
// every category the request reads, Art. 18 restriction — and the filters, re-checked with
// the engine's consent derivation, counted with the same predicate (so pages and totalCount
// agree), and each listed id is recorded as a read. Fields then resolve from the decided view.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { type FieldNode, GraphQLError, type GraphQLResolveInfo, isObjectType, Kind, type SelectionNode } from 'graphql';
import type { AudienceCriteria } from '../audiences/audience-criteria.js';
import { findAudiencePage } from '../audiences/find-audience.js';
import { resolveResidentScope } from '../audiences/resolve-scope.js';
import type { DataCategorySlug } from '../privacy/index.js';
import { listFilterCategories, type ResidentSortKey } from '../privacy/personal-fields.js';
import { DEFAULT_PAGE_SIZE, NODE_VISIBILITY } from './builder.js';
import type { Context } from './context.js';
import { LupaValidationError } from './errors-base.js';
import { PrivacyDeniedError } from './privacy-errors.js';
import { AUDIENCE_MEMBER_COLUMNS, RESIDENT_COLUMNS, residentColumnsSql } from './resident-columns.js';

export interface PagingArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function cursorCodec(prefix: string) {
  return {
    encode: (id: string) => Buffer.from(`${prefix}${id}`).toString('base64url'),
    decode(cursor: string, path: string): string {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      const id = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : '';
      if (!UUID.test(id)) throw new LupaValidationError([{ path, message: 'is not a cursor of this connection' }]);
      return id;
    },
  };
}

/** An order the purpose may not give: its category is shown only masked or generalised. */
export class SortNotAllowedError extends GraphQLError {
  constructor(key: ResidentSortKey, category: DataCategorySlug) {
    super(
      `Residents cannot be ordered by ${key} under this purpose: it shows ${category} only masked or generalised, and an order would reveal more.`,
      { extensions: { code: 'SORT_NOT_ALLOWED', category } },
    );
  }
}

/** Refuses an order the purpose does not allow; the row scope then reads its category. */
async function assertSortAllowed(ctx: Context, key: ResidentSortKey): Promise<void> {
  const plan = await ctx.privacy.plan();
  const sort = plan ? plan.describeSort(key) : ({ access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' } as const);
  if (sort.access === 'DENIED') {
    throw new PrivacyDeniedError(sort.reason, `This purpose does not allow ordering by ${key} (${sort.reason}).`);
  }
  if (sort.access === 'NOT_FULL') throw new SortNotAllowedError(key, sort.category);
}

/** The row scope for reading these categories (and ordering so), or the refusal the purpose gives. */
export async function scopeFor(
  ctx: Context,
  categories: readonly DataCategorySlug[],
  what: string,
  orderBy?: ResidentSortKey,
) {
  const result = await resolveResidentScope({ prisma: ctx.prisma, gate: ctx.privacy, categories, orderBy });
  if ('denied' in result) {
    throw new PrivacyDeniedError(result.denied, `This purpose does not allow ${what} (${result.denied}).`);
  }
  return result.scope;
}

/**
 * Which of these residents are in this request's row scope: one outside it is not found.
 * Those inside get their decided views here, from the consent states the scope check has
 * just loaded, so node(id) / nodes(ids) resolve their fields synchronously like a page.
 */
export async function residentsInScope(ctx: Context, residentIds: readonly string[]): Promise<Set<string>> {
  const wellFormed = residentIds.filter((id) => UUID.test(id));
  if (wellFormed.length === 0) return new Set();
  const result = await resolveResidentScope({ prisma: ctx.prisma, gate: ctx.privacy, categories: [] });
  if ('denied' in result) return new Set();
  const page = await findAudiencePage({
    sql: ctx.db.sql,
    gate: ctx.privacy,
    scope: result.scope,
    criteria: { residentIds: wellFormed },
    now: ctx.now,
    first: wellFormed.length,
    cursorId: null,
  });
  await ctx.privacy.prepareViews(page.residents);
  return new Set(page.ids);
}

/**
 * Whether a resident already loaded is in the row scope. Without consent in the scope only
 * the restriction flag decides, so no further statement is needed.
 */
export async function isRowInScope(ctx: Context, row: { id: string; restricted: boolean }): Promise<boolean> {
  const result = await resolveResidentScope({ prisma: ctx.prisma, gate: ctx.privacy, categories: [] });
  if ('denied' in result) return false;
  if (result.scope.excludeRestricted && row.restricted) return false;
  if (!result.scope.consent) return true;
  return (await residentsInScope(ctx, [row.id])).has(row.id);
}

/** What both resident types always select: enough to decide and to generalise an address. */
interface ResidentRow {
  id: string;
  restricted: boolean;
  postalCode: string;
  district: string;
}

const TYPE_COLUMNS = { Resident: RESIDENT_COLUMNS, AudienceMember: AUDIENCE_MEMBER_COLUMNS } as const;

/**
 * Whether every field the page asks of its nodes resolves from the row's own columns: none
 * of them selects more through plugin-prisma (a relation such as interests). Only then can
 * the rows be plain objects from the page's own statement; plugin-prisma would load a
 * field with a selection of its own again for each row it was not mapped for.
 */
function readsOnlyRowColumns(info: GraphQLResolveInfo, typeName: string): boolean {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  const nodes = selectedFields(info, info.fieldNodes, 'edges').flatMap((edges) =>
    selectedFields(info, [edges], 'node'),
  );
  return nodes.every((node) =>
    selectedFields(info, [node]).every(
      (field) =>
        field.name.value === '__typename' ||
        (field.name.value in fields && !fields[field.name.value]?.extensions?.pothosPrismaSelect),
    ),
  );
}

/** The fields selected under these nodes (through fragments), optionally only those named so. */
function selectedFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], name?: string): FieldNode[] {
  const found: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (name === undefined || selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet.selections);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections);
      }
    }
  };
  for (const node of nodes) walk(node.selectionSet?.selections ?? []);
  return found;
}

/** The page's rows through Prisma, with exactly what its fields select (relations included). */
async function prismaRows(ctx: Context, info: GraphQLResolveInfo, typeName: string, ids: string[]) {
  if (ids.length === 0) return [];
  const query = queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName });
  return (await ctx.prisma.resident.findMany({ ...query, where: { id: { in: ids } } })) as unknown as ResidentRow[];
}

export async function resolveResidentPage({
  ctx,
  info,
  args,
  criteria,
  alwaysReads,
  typeName,
  cursorPrefix,
  idField,
  what,
  orderBy = 'ID',
}: {
  ctx: Context;
  info: GraphQLResolveInfo;
  args: PagingArgs;
  criteria: AudienceCriteria;
  /** Categories the list reads whatever the filter (an audience is for contacting). */
  alwaysReads: readonly DataCategorySlug[];
  typeName: 'Resident' | 'AudienceMember';
  cursorPrefix: string;
  /** The field under which the id is recorded as read. */
  idField: string;
  what: string;
  /** A sort key from the field table; its category is read like a filter's, at FULL. */
  orderBy?: ResidentSortKey;
}) {
  if (args.first != null && args.last != null) {
    throw new LupaValidationError([{ path: 'last', message: 'give first or last, not both' }]);
  }
  const backward = args.last != null || (args.before != null && args.first == null);
  if ((backward && args.after != null) || (!backward && args.before != null)) {
    throw new LupaValidationError([{ path: 'before', message: 'use first with after, or last with before' }]);
  }
  const cursors = cursorCodec(cursorPrefix);
  const cursorArg = backward ? args.before : args.after;
  const cursorId = cursorArg ? cursors.decode(cursorArg, backward ? 'before' : 'after') : null;
  if (orderBy !== 'ID') await assertSortAllowed(ctx, orderBy);
  const scope = await scopeFor(
    ctx,
    [...new Set([...alwaysReads, ...listFilterCategories(criteria)])],
    what,
    orderBy === 'ID' ? undefined : orderBy,
  );
  // A page whose fields read only the row's own columns is read in the statement that
  // chooses it; one that asks for relations (interests, service usages…) through Prisma.
  const lean = readsOnlyRowColumns(info, typeName);
  const page = await findAudiencePage<ResidentRow>({
    sql: ctx.db.sql,
    gate: ctx.privacy,
    scope,
    criteria,
    now: ctx.now,
    first: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    cursorId,
    backward,
    orderBy,
    columns: lean ? residentColumnsSql(TYPE_COLUMNS[typeName]) : undefined,
  });
  const rows = lean ? page.residents : await prismaRows(ctx, info, typeName, page.ids);
  await ctx.privacy.prepareViews(rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const edges = page.ids.flatMap((id) => {
    const node = byId.get(id);
    if (!node) return [];
    // Who is on the list is personal data too (who consented, who has a need): a read.
    ctx.privacy.record.returned(id, idField);
    return [{ cursor: cursors.encode(id), node: node as never }];
  });
  return {
    edges,
    pageInfo: {
      startCursor: page.firstId ? cursors.encode(page.firstId) : null,
      endCursor: page.lastId ? cursors.encode(page.lastId) : null,
      // Keyset paging knows for sure only about the direction it walked.
      hasNextPage: backward ? cursorArg != null : page.more,
      hasPreviousPage: backward ? page.more : cursorArg != null,
    },
    totalCount: page.countAll,
  };
}

// Services reach residents only through the plan's scope; officers only those this request
// looked up with a stated reason; everyone else no one. Anything else answers as an unknown id.
NODE_VISIBILITY.set('Resident', (ctx, ids) =>
  ctx.principal.kind === 'service'
    ? residentsInScope(ctx, ids)
    : Promise.resolve(new Set(ids.filter((id) => ctx.privacy.hasLookedUp(id)))),
);
