// Every endpoint that reads a body caps it while streaming (api/src/http/body-limit.ts):
// over a real socket, a body larger than the cap sent slowly in chunks is answered 413
// while the client is still sending, and nothing changes; a body exactly at the cap passes.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../../api/src/consent-page/csrf.js';
import { findResidentPurposes } from '../../../api/src/consent-page/purposes-data.js';
import { startResidentSession } from '../../../api/src/consent-page/session.js';
import { BODY_LIMITS } from '../../../api/src/http/body-limit.js';
import { listen, type RunningServer } from '../../../api/src/http/server.js';
import { createTestApp, type ServiceClient, type TestApp } from '../../fixtures/app.js';

const CHUNK_BYTES = 2048;
const CHUNK_INTERVAL_MS = 5;

interface SlowUpload {
  status: number;
  body: string;
  contentType: string;
  /** Bytes the client had written when the answer arrived. */
  sentBeforeAnswer: number;
  /** The client's whole body, which it never got to finish. */
  totalBytes: number;
}

/**
 * POSTs `prefix` then filler bytes, CHUNK_BYTES every CHUNK_INTERVAL_MS, chunked (no
 * Content-Length), up to `totalBytes`; resolves on the answer and stops sending.
 */
function slowUpload(
  server: RunningServer,
  path: string,
  headers: Record<string, string>,
  prefix: string,
  totalBytes: number,
): Promise<SlowUpload> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    const write = (chunk: Buffer) => {
      sent += chunk.byteLength;
      req.write(chunk);
    };
    write(Buffer.from(prefix));
    const timer = setInterval(() => {
      if (answered) return;
      if (sent >= totalBytes) {
        clearInterval(timer);
        req.end();
        return;
      }
      write(Buffer.alloc(Math.min(CHUNK_BYTES, totalBytes - sent), 'a'));
    }, CHUNK_INTERVAL_MS);
    req.on('response', (response) => {
      answered = true;
      clearInterval(timer);
      const sentBeforeAnswer = sent;
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        req.destroy();
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: String(response.headers['content-type'] ?? ''),
          sentBeforeAnswer,
          totalBytes,
        });
      });
    });
    // Once answered, the server closing the connection under the unfinished upload is expected.
    req.on('error', (error) => {
      if (!answered) {
        clearInterval(timer);
        reject(error);
      }
    });
  });
}

/** POSTs exactly `body` through the socket, chunked, as fast as it goes. */
function upload(
  server: RunningServer,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, server.url), {
      method: 'POST',
      headers: { ...headers, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    const bytes = Buffer.from(body);
    for (let i = 0; i < bytes.byteLength; i += CHUNK_BYTES) req.write(bytes.subarray(i, i + CHUNK_BYTES));
    req.end();
  });
}

/** `fields` urlencoded, padded with a trailing `pad` field to exactly `bytes` bytes. */
function formOfSize(fields: Record<string, string>, bytes: number): string {
  const base = `${new URLSearchParams(fields).toString()}&pad=`;
  const padded = base + 'a'.repeat(bytes - Buffer.byteLength(base));
  expect(Buffer.byteLength(padded)).toBe(bytes);
  return padded;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

describe('request bodies are capped while they stream', () => {
  let t: TestApp;
  let server: RunningServer;
  let service: ServiceClient;
  let residentId: string;
  let sessionCookie: string;
  let csrf: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    server = await listen(t.app, 0, '127.0.0.1');
    service = await t.registerServiceClient('adult-education');
    const resident = await t.db.prisma.resident.findFirstOrThrow({ orderBy: { id: 'asc' } });
    residentId = resident.id;
    const { token } = await startResidentSession(t.db.prisma, residentId, t.clock.now);
    sessionCookie = `lupa_session=${token}`;
    csrf = csrfTokenFor(token);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  /** Everything an accepted request to any of these endpoints would write. */
  async function writes(): Promise<number[]> {
    const p = t.db.prisma;
    return Promise.all([p.auditEvent.count(), p.consentEvent.count(), p.clientAssertionJti.count()]);
  }

  async function ungrantedPurpose(): Promise<string> {
    const purposes = await findResidentPurposes(t.db.prisma, residentId, t.clock.now);
    const purpose = purposes.find(
      (p) => p.legalBasis === 'CONSENT' && p.state !== 'granted' && p.state !== 'unconfirmed',
    );
    if (!purpose) throw new Error('every purpose already granted');
    return purpose.slug;
  }

  function expectRefusedMidUpload(answer: SlowUpload, limit: number): void {
    expect(answer.status).toBe(413);
    // Answered soon after the cap passed, long before the client would have finished.
    expect(answer.sentBeforeAnswer).toBeGreaterThan(limit);
    expect(answer.sentBeforeAnswer).toBeLessThan(answer.totalBytes);
  }

  it('POST /graphql: a slow oversized mutation is refused mid-upload with PAYLOAD_TOO_LARGE', async () => {
    const before = await writes();
    const prefix =
      '{"query":"mutation { signInOfficer(email: \\"a@example.invalid\\", password: \\"x\\") { __typename } }", "pad": "';
    const answer = await slowUpload(
      server,
      '/graphql',
      { 'content-type': 'application/json' },
      prefix,
      BODY_LIMITS.graphql * 3,
    );
    expectRefusedMidUpload(answer, BODY_LIMITS.graphql);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        { message: expect.stringContaining(`${BODY_LIMITS.graphql} bytes`), extensions: { code: 'PAYLOAD_TOO_LARGE' } },
      ],
    });
    expect(await writes()).toEqual(before);
  });

  it('POST /graphql: a body exactly at the cap is answered', async () => {
    const json = JSON.stringify({ query: '{ __typename }' });
    const body = `${json.slice(0, -1)}${' '.repeat(BODY_LIMITS.graphql - Buffer.byteLength(json))}}`;
    const answer = await upload(server, '/graphql', { 'content-type': 'application/json' }, body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('POST /oauth/token: a slow oversized request is refused mid-upload and remembers no assertion', async () => {
    const before = await writes();
    const fields = {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await service.assertion(),
      purpose: 'concert-recommendations',
    };
    const answer = await slowUpload(
      server,
      '/oauth/token',
      FORM,
      `${new URLSearchParams(fields)}&pad=`,
      BODY_LIMITS.oauthToken * 4,
    );
    expectRefusedMidUpload(answer, BODY_LIMITS.oauthToken);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request', code: 'PAYLOAD_TOO_LARGE' });
    expect(await writes()).toEqual(before);
  });

  it('POST /oauth/token: a request exactly at the cap gets its token', async () => {
    const fields = {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await service.assertion(),
      purpose: 'concert-recommendations',
    };
    const answer = await upload(server, '/oauth/token', FORM, formOfSize(fields, BODY_LIMITS.oauthToken));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ token_type: 'Bearer' });
  });

  it('POST /consents/grant: a slow oversized form is refused mid-upload with a 413 page and grants nothing', async () => {
    const slug = await ungrantedPurpose();
    const before = await writes();
    const answer = await slowUpload(
      server,
      '/consents/grant',
      { ...FORM, cookie: sessionCookie },
      `${new URLSearchParams({ _csrf: csrf, purpose: slug })}&pad=`,
      BODY_LIMITS.residentForm * 8,
    );
    expectRefusedMidUpload(answer, BODY_LIMITS.residentForm);
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.body).toContain('Lomake oli liian suuri');
    expect(await writes()).toEqual(before);
  });

  let receipt = '';

  it('POST /consents/grant: a form exactly at the cap grants', async () => {
    const slug = await ungrantedPurpose();
    const consentEvents = await t.db.prisma.consentEvent.count();
    const answer = await upload(
      server,
      '/consents/grant',
      { ...FORM, cookie: sessionCookie },
      formOfSize({ _csrf: csrf, purpose: slug }, BODY_LIMITS.residentForm),
    );
    expect(answer.status).toBe(303);
    expect(await t.db.prisma.consentEvent.count()).toBe(consentEvents + 1);
    const event = await t.db.prisma.consentEvent.findFirstOrThrow({
      where: { residentId, type: 'GRANTED', consent: { purpose: { slug } } },
    });
    receipt = event.receiptJws ?? '';
  });

  it('POST /consent-receipts/verify: a slow oversized body is refused mid-upload', async () => {
    const before = await writes();
    const answer = await slowUpload(
      server,
      '/consent-receipts/verify',
      { 'content-type': 'application/jwt' },
      receipt,
      BODY_LIMITS.receiptVerify * 2,
    );
    expectRefusedMidUpload(answer, BODY_LIMITS.receiptVerify);
    expect(JSON.parse(answer.body)).toMatchObject({ valid: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(await writes()).toEqual(before);
  });

  it('POST /consent-receipts/verify: a receipt padded to exactly the cap verifies', async () => {
    expect(receipt).not.toBe('');
    const body = receipt + '\n'.repeat(BODY_LIMITS.receiptVerify - Buffer.byteLength(receipt));
    const answer = await upload(server, '/consent-receipts/verify', { 'content-type': 'application/jwt' }, body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ valid: true });
  });

  it('demo IdP: slow oversized token and authorize requests are refused mid-upload', async () => {
    const before = await writes();
    const token = await slowUpload(
      server,
      '/auth/demo-idp/token',
      FORM,
      'grant_type=authorization_code&pad=',
      BODY_LIMITS.demoIdpToken * 8,
    );
    expectRefusedMidUpload(token, BODY_LIMITS.demoIdpToken);
    expect(JSON.parse(token.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const authorize = await slowUpload(
      server,
      '/auth/demo-idp/authorize',
      { ...FORM, cookie: sessionCookie },
      `${new URLSearchParams({ _csrf: csrf, pic: '010101-123N' })}&pad=`,
      BODY_LIMITS.residentForm * 8,
    );
    expectRefusedMidUpload(authorize, BODY_LIMITS.residentForm);
    expect(authorize.contentType).toMatch(/^text\/html/);
    expect(await writes()).toEqual(before);
  });

  it('demo IdP: requests exactly at the cap are read (and refused on their merits)', async () => {
    const token = await upload(
      server,
      '/auth/demo-idp/token',
      FORM,
      formOfSize({ grant_type: 'authorization_code', code: 'unknown' }, BODY_LIMITS.demoIdpToken),
    );
    expect(token.status).toBe(400);
    expect(JSON.parse(token.body)).toEqual({ error: 'invalid_grant', code: 'INVALID_GRANT' });
    const authorize = await upload(
      server,
      '/auth/demo-idp/authorize',
      { ...FORM, cookie: sessionCookie },
      formOfSize({ _csrf: csrf, pic: '010101-123N' }, BODY_LIMITS.residentForm),
    );
    // Read in full, then refused because the form names no authorize request.
    expect(authorize.status).toBe(404);
  });

  it('a declared Content-Length over the cap is refused before any of the body is read', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(new URL('/oauth/token', server.url), {
        method: 'POST',
        headers: { ...FORM, 'content-length': String(BODY_LIMITS.oauthToken + 1) },
      });
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          req.destroy();
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        });
      });
      req.on('error', reject);
      // Headers only: the answer must come without a single body byte.
      req.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('the server still serves after every refusal', async () => {
    const response = await fetch(new URL('/healthz', server.url));
    expect(response.status).toBe(200);
  });
});
