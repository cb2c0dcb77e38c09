// Random GraphQL queries walked from the built schema: random root fields, random
// sub-selections to a random depth within the limits, arguments from scalar arbitraries
// (mixed with ids and slugs that exist, so the documents reach real rows). Every object
// selection carries __typename, and objects with personal fields carry the resident id, so
// the oracle can tell whose field each returned value is.
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

export interface KnownValues {
  ids: string[];
  slugs: string[];
  strings: string[];
}

export const PRIVACY_CATEGORY_EXTENSION = 'privacyCategory';

/** Object types with personal fields, and the field naming the resident on each. */
export function personalTypes(
  schema: GraphQLSchema,
): Map<string, { idField: string; categories: Map<string, string> }> {
  const found = new Map<string, { idField: string; categories: Map<string, string> }>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const categories = new Map<string, string>();
    for (const field of Object.values(type.getFields())) {
      const category = field.extensions?.[PRIVACY_CATEGORY_EXTENSION];
      if (typeof category === 'string') categories.set(field.name, category);
    }
    if (categories.size === 0) continue;
    const fields = type.getFields();
    const idField = 'residentId' in fields ? 'residentId' : 'id';
    found.set(type.name, { idField, categories });
  }
  return found;
}

type Gen = fc.GeneratorValue;

/**
 * `focus` names root fields that lead to residents; half the documents start from one of
 * them, or uniform choice over ~40 root fields would seldom reach personal data at all.
 */
export function randomOperation(
  schema: GraphQLSchema,
  known: KnownValues,
  maxDepth: number,
  focus: readonly string[] = [],
): fc.Arbitrary<string> {
  const personal = personalTypes(schema);
  return fc.gen().map((g) => {
    const query = schema.getQueryType();
    if (!query) throw new Error('no Query type');
    const roots = query.getFields();
    const focused = Object.fromEntries(focus.filter((name) => roots[name]).map((name) => [name, roots[name]]));
    const useFocus = Object.keys(focused).length > 0 && g(() => fc.boolean());
    return `{ ${selectFields(g, useFocus ? (focused as typeof roots) : roots, 1)} }`;
  });

  function selectFields(g: Gen, fields: Record<string, GraphQLField<unknown, unknown>>, depth: number): string {
    const all = Object.values(fields).filter((f) => !f.name.startsWith('__'));
    const picked = g(() => fc.subarray(all, { minLength: 1, maxLength: Math.min(all.length, depth === 1 ? 2 : 4) }));
    return picked.map((field) => selectField(g, field, depth)).join(' ');
  }

  function selectField(g: Gen, field: GraphQLField<unknown, unknown>, depth: number): string {
    const args = field.args
      // Optional arguments now and then: pagination arguments clash when several are given.
      .filter((arg) => isNonNullType(arg.type) || g(() => fc.integer({ min: 0, max: 3 })) === 0)
      .map((arg) => `${arg.name}: ${literal(g, arg.type, arg, 0)}`);
    const head = args.length > 0 ? `${field.name}(${args.join(', ')})` : field.name;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) return head;
    return `${head} { ${selection(g, named, depth + 1)} }`;
  }

  function selection(g: Gen, type: GraphQLNamedType, depth: number): string {
    const parts = ['__typename'];
    if (isAbstractType(type)) {
      const possible = schema.getPossibleTypes(type);
      for (const concrete of g(() => fc.subarray([...possible], { maxLength: Math.min(possible.length, 3) })))
        parts.push(`... on ${concrete.name} { ${selection(g, concrete, depth)} }`);
      return parts.join(' ');
    }
    if (!isObjectType(type)) return parts.join(' ');
    const fields = type.getFields();
    const identity = personal.get(type.name)?.idField;
    if (identity) parts.push(identity);
    // Beyond the depth budget only scalars, so the document still closes within the limits.
    const choosable = Object.fromEntries(
      Object.entries(fields).filter(([name, f]) => name !== identity && (depth < maxDepth || isLeaf(f.type))),
    );
    if (Object.keys(choosable).length > 0) parts.push(selectFields(g, choosable, depth));
    return parts.join(' ');
  }

  function literal(g: Gen, type: GraphQLInputType, arg: GraphQLArgument | undefined, depth: number): string {
    if (isNonNullType(type)) return literal(g, type.ofType, arg, depth);
    if (isListType(type)) {
      const n = g(() => fc.integer({ min: 0, max: 3 }));
      return `[${Array.from({ length: n }, () => literal(g, type.ofType, arg, depth)).join(', ')}]`;
    }
    if (isEnumType(type)) return g(() => fc.constantFrom(...type.getValues().map((v) => v.name)));
    if (isInputObjectType(type)) {
      if (depth > 2) return '{}';
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || g(() => fc.boolean()));
      return `{ ${fields.map((f) => `${f.name}: ${literal(g, f.type, undefined, depth + 1)}`).join(', ')} }`;
    }
    switch (type.name) {
      case 'Int':
        return String(g(() => fc.oneof(fc.integer({ min: -2, max: 120 }), fc.integer())));
      case 'Float':
        return String(g(() => fc.double({ noNaN: true, noDefaultInfinity: true })));
      case 'Boolean':
        return String(g(() => fc.boolean()));
      case 'ID':
        return JSON.stringify(g(() => fc.oneof(fc.constantFrom(...known.ids), fc.string({ maxLength: 40 }))));
      default:
        return JSON.stringify(
          g(() =>
            fc.oneof(
              fc.constantFrom(...known.slugs, ...known.strings),
              fc.string({ maxLength: 30 }),
              fc.string({ unit: 'binary', maxLength: 12 }),
              fc.constantFrom('2026-01-01', '2026-13-40', 'reason: a routine privacy review of access'),
            ),
          ),
        );
    }
  }
}

function isLeaf(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
}
