// Kept for callers that map Resident fields to categories; the table itself lives in
// privacy/personal-fields.ts.
export { residentFieldCategory } from '../privacy/personal-fields.js';
