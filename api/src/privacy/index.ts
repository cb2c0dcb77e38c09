// The privacy engine: pure functions, no I/O. Decides per field whether a principal acting
// under a purpose version may read a resident's data, explains why, and shapes the value.
export { pickStricterLevel } from './access-level.js';
export { DATA_CATEGORY_SLUGS, type DataCategorySlug, isKnownCategory, isSpecialCategory } from './categories.js';
export {
  CONSENT_EVENT_TYPES,
  type ConsentEventRecord,
  type ConsentEventType,
  type ConsentRecord,
  type DeriveConsentStateInput,
  deriveConsentState,
  NO_CONSENT,
} from './consent-state.js';
export { decideFieldAccess, explainFieldAccess } from './decide.js';
export { type DecisionTable, prepareDecisionTable, type ResidentDecisions } from './decision-table.js';
export {
  type AddressArea,
  generaliseBirthDate,
  generaliseEmail,
  generalisePersonalIdentityCode,
  generalisePhone,
  generaliseStreetAddress,
} from './generalise.js';
export { isRestrictionExempt, requiresConsent } from './legal-basis.js';
export { maskBirthDate, maskEmail, maskName, maskPersonalIdentityCode, maskPhone, maskStreetAddress } from './mask.js';
export { type ShapeContext, shapeValue } from './shape.js';
export * from './types.js';
