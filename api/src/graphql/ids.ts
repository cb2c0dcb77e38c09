// Global ids live in core/ (domain code encodes them too); adapters may import them here.
export * from '../core/global-ids.js';
