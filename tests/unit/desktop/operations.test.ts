// Every GraphQL document the admin UI sends is valid against schema/schema.graphql, and
// within the API's token and cost limits. The documents are schema/operations/*.graphql as
// generated into typed strings (scripts/generate-operations.mjs), exactly what is sent.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../../api/src/graphql/limits.js';
import * as generated from '../../../desktop/src/renderer/api/generated/graphql.js';
import { repoRoot } from '../../fixtures/process.js';

const schema = buildSchema(readFileSync(resolve(repoRoot, 'schema/schema.graphql'), 'utf8'));

function collectDocuments(): [string, string][] {
  const documents: [string, string][] = [];
  for (const [name, value] of Object.entries(generated)) {
    // Fragments travel inside the operations that use them.
    if (value instanceof generated.TypedDocumentString && !name.endsWith('FragmentDoc')) {
      documents.push([name, value.toString()]);
    }
  }
  return documents;
}

const documents = collectDocuments();

describe('admin UI operations', () => {
  it('finds the operations of every view', () => {
    expect(documents.length).toBeGreaterThan(25);
  });

  for (const [name, document] of documents) {
    it(`${name} is valid against schema/schema.graphql`, () => {
      const errors = validate(schema, parse(document));
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }

  it('stays within the API cost limit, computed as the API computes it', () => {
    const rule = costLimitRule({
      maxCost: QUERY_LIMITS.maxCost,
      objectCost: QUERY_LIMITS.objectCost,
      scalarCost: QUERY_LIMITS.scalarCost,
      depthCostFactor: QUERY_LIMITS.depthCostFactor,
      exposeLimits: true,
    });
    // The rule throws on the first operation over the limit; collect them all instead.
    const over: string[] = [];
    for (const [name, document] of documents) {
      try {
        const errors = validate(schema, parse(document), [rule]);
        over.push(...errors.map((e) => `${name}: ${e.message}`));
      } catch (error) {
        over.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(over).toEqual([]);
  });

  it('stays within the API limit of 1000 tokens per document', () => {
    for (const [name, document] of documents) {
      expect(() => parse(document, { maxTokens: 1000 }), name).not.toThrow();
    }
  });
});
