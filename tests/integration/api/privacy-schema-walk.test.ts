// Walks the whole schema and fails when something derived from a resident — a field, an
// argument that picks residents, a count or a connection of residents — is added without a
// data category in the table of personal fields (privacy/personal-fields.ts).
import {
  type GraphQLField,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { PRIVACY_CATEGORY_EXTENSION } from '../../../api/src/graphql/personal-field.js';
import { schema } from '../../../api/src/graphql/schema.js';
import { isKnownCategory } from '../../../api/src/privacy/index.js';
import {
  AUDIENCE_MEMBER_FIELDS,
  RESIDENT_FIELD_CATEGORIES,
  RESIDENT_FILTER_CATEGORIES,
  RESIDENT_LOOKUP_ARGUMENTS,
  RESIDENT_SCOPE_OUTPUTS,
  RESIDENT_SORT_CATEGORIES,
} from '../../../api/src/privacy/personal-fields.js';

/** Object types whose values are residents (Prisma `Resident` and its variants). */
const RESIDENT_TYPES = ['Resident', 'AudienceMember'];
const PAGING = new Set(['first', 'last', 'after', 'before']);

const allowedFields: Record<string, ReadonlySet<string>> = {
  Resident: new Set(Object.keys(RESIDENT_FIELD_CATEGORIES)),
  AudienceMember: new Set(AUDIENCE_MEMBER_FIELDS),
};

function objectTypes() {
  return Object.values(schema.getTypeMap()).filter(
    (t): t is Extract<GraphQLNamedType, { getFields: unknown }> & ReturnType<typeof schema.getQueryType> & object =>
      isObjectType(t) && !t.name.startsWith('__'),
  );
}

/** The resident type a field yields: directly, in a list, or as the nodes of a connection. */
function residentTypeOf(field: GraphQLField<unknown, unknown>): string | undefined {
  const named = getNamedType(field.type);
  if (RESIDENT_TYPES.includes(named.name)) return named.name;
  if (isObjectType(named) && named.name.endsWith('Connection')) {
    const edges = named.getFields().edges;
    const edge = edges && getNamedType(edges.type);
    const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
    const nodeType = node && getNamedType(node.type).name;
    if (nodeType && RESIDENT_TYPES.includes(nodeType)) return nodeType;
  }
  return undefined;
}

describe('schema walk: everything derived from a resident has a category', () => {
  it('the resident types are the Prisma Resident model and its variants, and nothing else is', () => {
    for (const name of RESIDENT_TYPES) expect(isObjectType(schema.getType(name))).toBe(true);
    // Any other type with a categorised field is a resident type the walk does not know.
    const categorised = objectTypes()
      .filter((t) =>
        Object.values(t.getFields()).some((f) => typeof f.extensions?.[PRIVACY_CATEGORY_EXTENSION] === 'string'),
      )
      .map((t) => t.name)
      .sort();
    expect(categorised).toEqual([...RESIDENT_TYPES].sort());
  });

  it('every field of a resident type is in the table, with the category the table gives', () => {
    const problems: string[] = [];
    for (const typeName of RESIDENT_TYPES) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${typeName}.${field.name}`;
        if (coordinate in RESIDENT_SCOPE_OUTPUTS) continue;
        if (!allowedFields[typeName]?.has(field.name)) {
          problems.push(`${coordinate} is not in the table of personal fields`);
          continue;
        }
        const declared = field.extensions?.[PRIVACY_CATEGORY_EXTENSION];
        const expected = RESIDENT_FIELD_CATEGORIES[field.name as keyof typeof RESIDENT_FIELD_CATEGORIES];
        if (declared !== expected || !isKnownCategory(String(declared))) {
          problems.push(`${coordinate} declares ${String(declared)}, the table says ${expected}`);
        }
        if (field.args.length > 0) problems.push(`${coordinate} takes arguments no table covers`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every argument of a field yielding residents is paging, a declared lookup, a filter or a sort key in the table', () => {
    const problems: string[] = [];
    for (const type of objectTypes()) {
      for (const field of Object.values(type.getFields())) {
        if (!residentTypeOf(field)) continue;
        for (const arg of field.args) {
          const coordinate = `${type.name}.${field.name}.${arg.name}`;
          if (PAGING.has(arg.name) || coordinate in RESIDENT_LOOKUP_ARGUMENTS) continue;
          const input = getNamedType(arg.type);
          if (isEnumType(input) && arg.name === 'orderBy') {
            // A sort key reads its category like a filter; only ID may read none.
            for (const { name } of input.getValues()) {
              const category: string | null | undefined =
                RESIDENT_SORT_CATEGORIES[name as keyof typeof RESIDENT_SORT_CATEGORIES];
              if (category === undefined) problems.push(`${input.name}.${name} has no category`);
              else if (category === null ? name !== 'ID' : !isKnownCategory(category))
                problems.push(`${input.name}.${name} declares ${String(category)}`);
            }
            continue;
          }
          if (!isInputObjectType(input)) {
            problems.push(`${coordinate} is not in the table`);
            continue;
          }
          for (const inputField of Object.keys(input.getFields())) {
            if (!(inputField in RESIDENT_FILTER_CATEGORIES))
              problems.push(`${input.name}.${inputField} has no category`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every count or other field of a resident connection is in the table', () => {
    const problems: string[] = [];
    for (const type of objectTypes()) {
      for (const field of Object.values(type.getFields())) {
        if (!residentTypeOf(field)) continue;
        const connection = getNamedType(field.type);
        if (!isObjectType(connection) || RESIDENT_TYPES.includes(connection.name)) continue;
        for (const name of Object.keys(connection.getFields())) {
          if (name === 'edges' || name === 'pageInfo') continue;
          if (!(`${connection.name}.${name}` in RESIDENT_SCOPE_OUTPUTS)) {
            problems.push(`${connection.name}.${name} is not in the table`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the roots that yield residents are exactly the known ones (a new one must be reviewed here)', () => {
    const roots: string[] = [];
    for (const type of objectTypes()) {
      for (const field of Object.values(type.getFields())) {
        if (residentTypeOf(field)) roots.push(`${type.name}.${field.name}`);
      }
    }
    // node/nodes return the Node interface; Resident is reached through them as well, and
    // goes through the same row scope (builder.ts, NODE_VISIBILITY).
    expect(isInterfaceType(schema.getType('Node'))).toBe(true);
    expect(roots.sort()).toEqual(
      [
        'Query.audience',
        'Query.resident',
        'Query.residentByPersonalIdentityCode',
        'Query.residents',
        'QueryResidentsConnectionEdge.node',
        'AudienceConnectionEdge.node',
        'ResidentLookup.resident',
      ].sort(),
    );
  });
});
