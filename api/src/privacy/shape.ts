// Applies a decision's access level to a value. Which fragment survives is decided here,
// per category and field, so resolvers never improvise their own masking.
//
// Fail closed: a category or field without a shaper, a value of an unexpected type, or an
// error while shaping all yield null at MASKED and GENERALISED — never the value itself.
import {
  type AddressArea,
  generaliseBirthDate,
  generaliseEmail,
  generalisePersonalIdentityCode,
  generalisePhone,
  generaliseStreetAddress,
} from './generalise.js';
import { maskBirthDate, maskEmail, maskName, maskPersonalIdentityCode, maskPhone, maskStreetAddress } from './mask.js';
import type { AccessLevel } from './types.js';

/** Other values of the same resident that a shaper may draw on. */
export type ShapeContext = AddressArea;

type ReducedLevel = Exclude<AccessLevel, 'FULL'>;
type Shaper = (value: unknown, level: ReducedLevel, context: ShapeContext) => string | null;

function shapeText(masked: (text: string) => string, generalised: (text: string) => string): Shaper {
  return (value, level) => {
    if (typeof value !== 'string') return null;
    return level === 'MASKED' ? masked(value) : generalised(value);
  };
}

// A name has nothing coarser than its initial, so both levels give the initial.
const shapeName = shapeText(maskName, maskName);
const shapePic = shapeText(maskPersonalIdentityCode, generalisePersonalIdentityCode);

const shapeBirthDate: Shaper = (value, level) => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  return level === 'MASKED' ? maskBirthDate(value) : generaliseBirthDate(value);
};

const shapeStreetAddress: Shaper = (value, level, context) => {
  if (typeof value !== 'string') return null;
  return level === 'MASKED' ? maskStreetAddress(value) : generaliseStreetAddress(context);
};

// Postal code, city and district are what a generalised address consists of, and language
// and household type are coarse classes shared by many residents: they pass unchanged.
const keepText: Shaper = (value) => (typeof value === 'string' ? value : null);

interface CategoryShapers {
  fields: ReadonlyMap<string, Shaper>;
  /** For fields of the category not listed. */
  otherwise?: Shaper;
}

// Interests, service usage, statistics and special categories have no partial form: at
// MASKED or GENERALISED they are withheld (null). Special-category data in particular is
// all or nothing — half an accessibility need is still a health fact.
const SHAPERS: ReadonlyMap<string, CategoryShapers> = new Map<string, CategoryShapers>([
  ['identity.name', { fields: new Map(), otherwise: shapeName }],
  ['identity.pic', { fields: new Map(), otherwise: shapePic }],
  [
    'contact',
    {
      fields: new Map([
        ['email', shapeText(maskEmail, generaliseEmail)],
        ['phone', shapeText(maskPhone, generalisePhone)],
      ]),
    },
  ],
  [
    'address',
    {
      fields: new Map([
        ['streetAddress', shapeStreetAddress],
        ['postalCode', keepText],
        ['city', keepText],
        ['district', keepText],
      ]),
    },
  ],
  [
    'demographics',
    {
      fields: new Map([
        ['birthDate', shapeBirthDate],
        ['language', keepText],
        ['householdType', keepText],
      ]),
    },
  ],
]);

function findShaper(category: string, field: string): Shaper | undefined {
  const shapers = SHAPERS.get(category);
  return shapers?.fields.get(field) ?? shapers?.otherwise;
}

/**
 * The value to send for a field the engine granted at `level`. FULL returns the value as
 * held; MASKED and GENERALISED return a string, or null when the value cannot be shaped.
 * A missing value (null or undefined) is null at every level: there is nothing to hide,
 * and the decision already allowed the caller to know whether the field is filled.
 * Call it only with a granted level; a denied field must not reach it.
 */
export function shapeValue<T>(
  category: string,
  field: string,
  level: AccessLevel,
  value: T,
  context: ShapeContext = {},
): T | string | null {
  try {
    if (value === null || value === undefined) return null;
    if (level === 'FULL') return value;
    if (level !== 'MASKED' && level !== 'GENERALISED') return null;
    const shaper = findShaper(category, field);
    return shaper ? shaper(value, level, context ?? {}) : null;
  } catch {
    return null;
  }
}
