// A real API process on a database of a throwaway PostgreSQL server, seeded, with two
// registered services (a reader under a public-task purpose, a consent writer under a
// consent purpose) and helpers to call it over HTTP as they would.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '@lupa/db/seed';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { createHubContext, loadHubKeys } from '../../../api/src/auth/index.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';
import { freePort, type StartedApi, startApi } from '../../fixtures/process.js';
import {
  type RegisteredService,
  registerServiceWithKey,
  requestAccessToken,
  signClientAssertion,
  tokenRequestBody,
} from '../../fixtures/service-client.js';

export const READ = '{ residents(first: 5) { edges { node { id firstName lastName } } } }';
export const RECORD_CONSENT = `mutation($residentId: ID!) { recordConsent(residentId: $residentId,
  wordingShown: "I agree to hear about spring jazz concerts by email.", evidence: "{\\"form\\":\\"fault-test\\"}") {
  __typename ... on MutationRecordConsentSuccess { data { consentId } } } }`;

export interface Stack {
  db: TestDatabase;
  dataDir: string;
  env: Record<string, string>;
  api: StartedApi;
  publicUrl: string;
  reader: RegisteredService;
  writer: RegisteredService;
  residentIds: string[];
  token(service: RegisteredService, purpose: string): Promise<string>;
  post(query: string, token: string, variables?: object): Promise<{ status: number; body: GraphQLAnswer }>;
  restart(): Promise<void>;
  verifyChain(): Promise<{ ok: boolean; verified?: number }>;
  close(): Promise<void>;
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function startStack(serverUrl: string, extraEnv: Record<string, string> = {}): Promise<Stack> {
  const db = await createTestDatabase({ postgresUrl: serverUrl });
  const dataDir = mkdtempSync(join(tmpdir(), 'lupa-fault-'));
  // The keys come from the environment, as production requires (steady-load runs production).
  const picKeys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };
  await seedDatabase(db.prisma, { residents: 30, picKeys });
  const reader = await registerServiceWithKey(db.prisma, 'daycare');
  const writer = await registerServiceWithKey(db.prisma, 'adult-education');
  const residentIds = (await db.prisma.resident.findMany({ select: { id: true } })).map((r) =>
    Buffer.from(`Resident:${r.id}`).toString('base64'),
  );
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const env = {
    PORT: String(port),
    DATABASE_URL: db.url as string,
    LUPA_DATA_DIR: dataDir,
    LUPA_SEED: 'false',
    LUPA_PUBLIC_URL: publicUrl,
    LUPA_PIC_ENCRYPTION_KEY: picKeys.encryptionKey.toString('base64'),
    LUPA_PIC_INDEX_KEY: picKeys.blindIndexKey.toString('base64'),
    // A throwaway stack: production may create its hub keys beside the data (verifyChain reads them there).
    LUPA_ALLOW_HUB_KEYS_IN_DATA_DIR: '1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const stack: Stack = {
    db,
    dataDir,
    env,
    api: await startApi(env),
    publicUrl,
    reader,
    writer,
    residentIds,
    async token(service, purpose) {
      const assertion = await signClientAssertion(service, `${publicUrl}/oauth/token`, new Date());
      const { status, body } = await requestAccessToken(
        fetch,
        `${stack.api.baseUrl}/oauth/token`,
        tokenRequestBody(assertion, purpose),
      );
      if (status !== 200) throw new Error(`token ${status}: ${JSON.stringify(body)}`);
      return body.access_token as string;
    },
    async post(query, token, variables) {
      const response = await fetch(`${stack.api.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: GraphQLAnswer;
      try {
        body = JSON.parse(text) as GraphQLAnswer;
      } catch {
        body = { errors: [{ message: text }] };
      }
      return { status: response.status, body };
    },
    async restart() {
      stack.api = await startApi(env);
    },
    async verifyChain() {
      const hub = createHubContext({
        keys: await loadHubKeys(join(dataDir, 'keys')),
        issuer: publicUrl,
        graphqlUrl: `${publicUrl}/graphql`,
      });
      return verifyAuditLog(db.prisma, hub);
    },
    async close() {
      await stack.api.stop('SIGKILL');
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
