import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema.js';

/** The SDL integrators get: sorted, so a diff shows only real changes. */
export function printLupaSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
