// Query limits, set explicitly rather than left to defaults (SECURITY.md "GraphQL endpoint";
// GraphQL Armor and the OWASP GraphQL cheat sheet). Tests exercise each at limit and limit+1.
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 5000,
  /** GraphQL Armor's cost model: each object and scalar costs this much, times depthCostFactor per level. */
  objectCost: 2,
  scalarCost: 1,
  // 1.2 (Armor's default is 1.5) lets a page of 100 residents with a dozen fields through —
  // the integrators' main read — while deep nesting still multiplies quickly.
  depthCostFactor: 1.2,
  /** Request bodies larger than this are refused before parsing. */
  maxBodyBytes: 100 * 1024,
} as const;
