// The one mechanism personal fields go through. A field is named once, in the table of
// personal fields (privacy/personal-fields.ts), which gives its data category; this file
// turns a table entry into a GraphQL field that asks the privacy gate, shapes the value to
// the granted level, records the read, and refuses with PRIVACY_DENIED otherwise. Resolvers
// answer synchronously from the resident's decided view when the page was prepared.
import type { ResidentFacts } from '../enforcement/privacy-gate.js';
import type { FieldAccessDecision } from '../privacy/index.js';
import { shapeValue } from '../privacy/index.js';
import { RESIDENT_FIELD_CATEGORIES, type ResidentField } from '../privacy/personal-fields.js';
import type { Context } from './context.js';
import { PrivacyDeniedError } from './privacy-errors.js';

export const PRIVACY_CATEGORY_EXTENSION = 'privacyCategory';

export interface AreaFacts {
  postalCode: string;
  district: string;
}

type GrantedLevel = 'FULL' | 'MASKED' | 'GENERALISED';
type MaybePromise<T> = T | Promise<T>;

function then<T, U>(value: MaybePromise<T>, next: (value: T) => U): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

function granted(decision: FieldAccessDecision): GrantedLevel {
  if (decision.access === 'DENIED') throw new PrivacyDeniedError(decision.reason);
  return decision.access;
}

/** The granted level of a personal field for this resident, or a PRIVACY_DENIED refusal. */
export function decidePersonal(
  ctx: Context,
  resident: ResidentFacts,
  field: ResidentField,
): MaybePromise<GrantedLevel> {
  return then(ctx.privacy.read(resident, RESIDENT_FIELD_CATEGORIES[field], field), granted);
}

/** One personal scalar: decided, then shaped to the granted level by the engine's shaper. */
export function readPersonal(
  ctx: Context,
  resident: ResidentFacts & AreaFacts,
  field: ResidentField,
  value: unknown,
): MaybePromise<unknown> {
  return then(decidePersonal(ctx, resident, field), (level) =>
    shapeValue(RESIDENT_FIELD_CATEGORIES[field], field, level, value, {
      postalCode: resident.postalCode,
      district: resident.district,
    }),
  );
}

/** As readPersonal, for a value worth computing only once access is granted (decryption). */
export function readPersonalWith(
  ctx: Context,
  resident: ResidentFacts & AreaFacts,
  field: ResidentField,
  value: () => unknown,
): MaybePromise<unknown> {
  return then(decidePersonal(ctx, resident, field), (level) =>
    shapeValue(RESIDENT_FIELD_CATEGORIES[field], field, level, value(), {
      postalCode: resident.postalCode,
      district: resident.district,
    }),
  );
}

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * A personal string field whose column has the field's name: options for `t.string`. The
 * column comes with the row (the type selects every scalar column), not per field.
 */
export function personalText<F extends ResidentField>(field: F, description?: string) {
  return {
    nullable: true as const,
    description,
    extensions: privacyExtensions(field),
    resolve: (r: ResidentFacts & AreaFacts & Record<F, unknown>, _args: unknown, ctx: Context) =>
      then(readPersonal(ctx, r, field, r[field]), nullableString),
  };
}

/** A personal field whose value needs more than its own column: options without a resolver. */
export function privacyExtensions(field: ResidentField) {
  return { [PRIVACY_CATEGORY_EXTENSION]: RESIDENT_FIELD_CATEGORIES[field] };
}

export { nullableString, then as thenMaybe };
