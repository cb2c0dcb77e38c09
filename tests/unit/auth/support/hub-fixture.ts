import {
  createHubContext,
  createMemoryHubKeys,
  type HubContext,
  type HubKeys,
} from '../../../../api/src/auth/index.js';

export const ISSUER = 'https://lupa.example.invalid';
export const GRAPHQL_URL = 'https://lupa.example.invalid/graphql';
export const TOKEN_ENDPOINT_URL = 'https://lupa.example.invalid/oauth/token';
export const NOW = new Date('2026-03-02T10:00:00.000Z');

export const toSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
export const later = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

export async function createTestHub(now: Date = NOW): Promise<HubContext> {
  return hubWith(await createMemoryHubKeys({ now }));
}

export function hubWith(keys: HubKeys): HubContext {
  return createHubContext({ keys, issuer: ISSUER, graphqlUrl: GRAPHQL_URL });
}

/** The TokenError code a promise rejects with, or 'RESOLVED' if it did not reject. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'RESOLVED';
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.name === 'TokenError') return String(error.code);
    throw error;
  }
}
