// Field name → data category for the Resident type, read from the categories the fields
// themselves declare (personal-field.ts), so there is one source of truth.
import { isObjectType } from 'graphql';
import { PRIVACY_CATEGORY_EXTENSION } from './personal-field.js';
import { schema } from './schema.js';

let residentCategories: Map<string, string> | undefined;

export function residentFieldCategory(field: string): string | undefined {
  if (!residentCategories) {
    const type = schema.getType('Resident');
    residentCategories = new Map();
    if (isObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        const category = f.extensions?.[PRIVACY_CATEGORY_EXTENSION];
        if (typeof category === 'string') residentCategories.set(f.name, category);
      }
    }
  }
  return residentCategories.get(field);
}
