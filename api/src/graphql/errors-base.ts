// The domain errors live in core/ (domain code throws them too); adapters may import them here.
export * from '../core/errors.js';
