// pnpm demo:service — what a new integrating service does, against a running Lupa:
//   1. an administrator registers the service and its public key,
//   2. the service obtains an access token with private_key_jwt for one purpose,
//   3. the service reads residents under that purpose.
// Run `pnpm start` first. LUPA_URL (default http://localhost:4000), and the admin's
// credentials from LUPA_ADMIN_EMAIL / LUPA_ADMIN_PASSWORD (default: the demo admin and the
// demo password in LUPA_DATA_DIR).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEMO_OFFICERS } from '../officers/demo.js';

const base = (process.env.LUPA_URL ?? 'http://localhost:4000').replace(/\/$/, '');
const dataDir = resolve(process.env.LUPA_DATA_DIR ?? '.lupa/data');
const adminEmail = process.env.LUPA_ADMIN_EMAIL ?? (DEMO_OFFICERS[0]?.email as string);

function adminPassword(): string {
  if (process.env.LUPA_ADMIN_PASSWORD) return process.env.LUPA_ADMIN_PASSWORD;
  try {
    return readFileSync(join(dataDir, 'demo-officer-password.txt'), 'utf8').trim();
  } catch {
    throw new Error('Set LUPA_ADMIN_PASSWORD, or start Lupa in development first so the demo officers exist.');
  }
}

async function graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data)
    throw new Error(`GraphQL failed (${response.status}): ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data;
}

/** RFC 8414 metadata: where the token endpoint is and what to put in `aud`. */
async function authorizationServerMetadata(): Promise<{ issuer: string; token_endpoint: string }> {
  const response = await fetch(`${base}/.well-known/oauth-authorization-server`);
  const metadata = (await response.json().catch(() => ({}))) as { issuer?: unknown; token_endpoint?: unknown };
  if (!response.ok || typeof metadata.issuer !== 'string' || typeof metadata.token_endpoint !== 'string') {
    throw new Error(`${base} serves no OAuth metadata (${response.status}); is LUPA_URL a Lupa?`);
  }
  return { issuer: metadata.issuer, token_endpoint: metadata.token_endpoint };
}

async function main(): Promise<void> {
  console.log(`1. The administrator signs in to ${base} and registers the service with its public key.`);
  const signIn = await graphql<{ signInOfficer: { data?: { accessToken: string }; message?: string } }>(
    `mutation($email: String!, $password: String!) { signInOfficer(email: $email, password: $password) {
       ... on MutationSignInOfficerSuccess { data { accessToken } } ... on SignInFailed { message } } }`,
    { email: adminEmail, password: adminPassword() },
  );
  const adminToken = signIn.signInOfficer.data?.accessToken;
  if (!adminToken) throw new Error(`Admin sign-in failed: ${signIn.signInOfficer.message}`);

  // The service keeps its private key; only the public half is ever sent to Lupa.
  const { privateKey, publicKey } = await generateKeyPair('Ed25519');
  const publicJwk = await exportJWK(publicKey);
  const clientId = `demo-daycare-${randomUUID().slice(0, 8)}`;
  const organisations = await graphql<{ organisations: { edges: { node: { id: string; slug: string } }[] } }>(
    '{ organisations(first: 50) { edges { node { id slug } } } }',
    {},
    adminToken,
  );
  const daycare = organisations.organisations.edges.find((e) => e.node.slug === 'daycare');
  if (!daycare) throw new Error('The daycare organisation is missing; is the demo seed in place?');
  const registered = await graphql<{
    registerService: { data?: { clientId: string; keys: { kid: string }[] }; message?: string };
  }>(
    `mutation($input: RegisterServiceInput!) { registerService(input: $input) {
       ... on MutationRegisterServiceSuccess { data { clientId keys { kid } } } ... on Error { message } } }`,
    {
      input: {
        organisationId: daycare.node.id,
        clientId,
        name: 'Demo daycare application system',
        publicJwk: JSON.stringify(publicJwk),
      },
    },
    adminToken,
  );
  const kid = registered.registerService.data?.keys[0]?.kid;
  if (!kid) throw new Error(`Registration failed: ${registered.registerService.message}`);
  console.log(`   registered ${clientId}, key ${kid}`);

  console.log('2. The service reads the OAuth metadata and asks for an access token for "daycare-application".');
  // The metadata names the issuer identifier, which goes in `aud` however LUPA_URL spells
  // the host (127.0.0.1 or localhost): the hub compares `aud` exactly with its own name.
  const metadata = await authorizationServerMetadata();
  if (metadata.issuer !== base) console.log(`   Lupa's issuer identifier is ${metadata.issuer}`);
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'Ed25519', kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(metadata.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(privateKey);
  // Sent through LUPA_URL, which reaches this Lupa even when its public address does not
  // resolve from here (a server behind a proxy, a container).
  const tokenResponse = await fetch(`${base}${new URL(metadata.token_endpoint).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      purpose: 'daycare-application',
    }),
  });
  const tokenBody = (await tokenResponse.json()) as {
    access_token?: string;
    expires_in?: number;
    code?: string;
    error_description?: string;
  };
  if (!tokenBody.access_token) {
    throw new Error(`Token request failed (${tokenResponse.status} ${tokenBody.code}): ${tokenBody.error_description}`);
  }
  console.log(`   got a token valid for ${tokenBody.expires_in} s`);

  console.log('3. The service reads residents under that purpose.');
  const page = await graphql<{
    residents: { edges: { node: { id: string; firstName: string; lastName: string; district: string } }[] };
  }>('{ residents(first: 3) { edges { node { id firstName lastName district } } } }', {}, tokenBody.access_token);
  for (const { node } of page.residents.edges) {
    console.log(`   ${node.firstName} ${node.lastName}, ${node.district}  (${node.id})`);
  }
  const viewer = await graphql<{ viewer: { service: { clientId: string }; purposeVersion: { version: number } } }>(
    '{ viewer { service { clientId } purposeVersion { version } } }',
    {},
    tokenBody.access_token,
  );
  console.log(
    `   the token speaks for ${viewer.viewer.service.clientId} under version ${viewer.viewer.purposeVersion.version}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
