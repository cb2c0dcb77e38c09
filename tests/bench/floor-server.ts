// The floor for the guarded read: the least a server can do to answer the same page — a bare
// node:http handler on a node-postgres pool that reads 100 residents × 12 fields (the
// identity code decrypted, as Lupa returns it) and writes the audit record Lupa writes — one
// per request listing the 100 residents — into a copy of the AuditEvent table (same
// columns, same indexes; until 2026-12-07 both wrote 100 rows, one per resident). No GraphQL, no token
// check, no privacy engine, no chain. `?audit=off` skips the write. It runs in its own
// process, as the guarded server does, so the two are measured the same way; only
// node-postgres, so only on PostgreSQL.
import { fork } from 'node:child_process';
import { createDecipheriv, createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

interface FloorOptions {
  databaseUrl: string;
  /** AES-256-GCM key of the identity codes, hex. */
  picEncryptionKey: string;
  poolSize: number;
}

/** Starts the floor in a child process (this module, under the bench's tsx loader). */
export function startFloorInChild(options: FloorOptions): Promise<FloorServer> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, LUPA_FLOOR_CHILD: '1' },
    });
    child.once('message', (message) => {
      const url = (message as { url: string }).url;
      resolve({
        url,
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`floor process exited with ${code} before listening`)));
    child.send(options);
  });
}

if (process.env.LUPA_FLOOR_CHILD === '1' && process.send) {
  process.once('message', (options) => {
    void startFloor(options as FloorOptions).then((url) => process.send?.({ url }));
  });
}

const READ_PAGE = `SELECT id, "picCiphertext", "firstName", "lastName", "birthDate", language, "householdType",
  email, phone, "streetAddress", "postalCode", city, district
FROM "Resident" ORDER BY id LIMIT 100`;

const INSERT_AUDIT_ROWS = `
INSERT INTO "FloorAuditEvent" (seq, "occurredAt", "actorKind", "actorId", "organisationId", "serviceId", "purposeId",
  "purposeVersionId", "residentId", operation, outcome, "fieldsReturned", "fieldsDenied", reason, "requestId",
  "prevHash", hash, kind, payload, "residentIds")
SELECT r.seq, r."occurredAt", r."actorKind"::"ActorKind", r."actorId", r."organisationId", r."serviceId", r."purposeId",
  r."purposeVersionId", r."residentId", r.operation, r.outcome::"AuditOutcome", r."fieldsReturned", r."fieldsDenied",
  r.reason, r."requestId", r."prevHash", r.hash, r.kind, r.payload, r."residentIds"
FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, "occurredAt" timestamptz, "actorKind" text, "actorId" text,
  "organisationId" uuid, "serviceId" uuid, "purposeId" uuid, "purposeVersionId" uuid, "residentId" uuid,
  operation text, outcome text, "fieldsReturned" text[], "fieldsDenied" jsonb, reason text, "requestId" text,
  "prevHash" text, hash text, kind text, payload jsonb, "residentIds" uuid[])`;

const FIELDS = [
  'firstName',
  'lastName',
  'personalIdentityCode',
  'birthDate',
  'language',
  'householdType',
  'email',
  'phone',
  'streetAddress',
  'postalCode',
  'city',
  'district',
];

interface ResidentRow {
  id: string;
  picCiphertext: string;
  firstName: string;
  lastName: string;
  birthDate: Date;
  language: string;
  householdType: string;
  email: string | null;
  phone: string | null;
  streetAddress: string;
  postalCode: string;
  city: string;
  district: string;
}

export async function startFloor(options: FloorOptions): Promise<string> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  await pool.query('CREATE TABLE IF NOT EXISTS "FloorAuditEvent" (LIKE "AuditEvent" INCLUDING ALL)');
  const key = Buffer.from(options.picEncryptionKey, 'hex');
  // Restates Lupa's identity-code decryption on purpose: the floor must not call Lupa code, or
  // it would measure part of what it is the floor for.
  const decrypt = (sealed: string) => {
    const [, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  };
  const service = { organisationId: randomUUID(), serviceId: randomUUID(), purposeId: randomUUID() };
  let seq = 0;
  let prevHash = '0'.repeat(64);

  // One record per request listing its residents, as Lupa writes it (audit/access-events.ts):
  // the page's ids in the payload and in the GIN-indexed residentIds column.
  const auditRows = (residents: ResidentRow[], requestId: string) => {
    const residentIds = residents.map((r) => r.id);
    const row = {
      seq: ++seq,
      occurredAt: new Date().toISOString(),
      actorKind: 'SERVICE',
      actorId: service.serviceId,
      ...service,
      purposeVersionId: service.purposeId,
      residentId: null,
      operation: 'resident.read',
      outcome: 'ALLOWED',
      fieldsReturned: FIELDS,
      fieldsDenied: [],
      reason: null,
      requestId,
      kind: 'resident.read.batch',
      payload: { reads: [{ residentIds, fieldsReturned: FIELDS, fieldsDenied: [] }] },
      residentIds,
      prevHash,
      hash: '',
    };
    // A hash per record, as the chain has (unique index on hash), without the chain's rules.
    row.hash = createHash('sha256').update(`${prevHash}${requestId}${row.seq}`).digest('hex');
    prevHash = row.hash;
    return JSON.stringify([row]);
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const audit = !request.url?.includes('audit=off');
      void (async () => {
        const { rows } = await pool.query<ResidentRow>(READ_PAGE);
        if (audit) await pool.query(INSERT_AUDIT_ROWS, [auditRows(rows, randomUUID())]);
        const edges = rows.map((r) => ({
          node: {
            firstName: r.firstName,
            lastName: r.lastName,
            personalIdentityCode: decrypt(r.picCiphertext),
            birthDate: r.birthDate.toISOString().slice(0, 10),
            language: r.language,
            householdType: r.householdType,
            email: r.email,
            phone: r.phone,
            streetAddress: r.streetAddress,
            postalCode: r.postalCode,
            city: r.city,
            district: r.district,
          },
        }));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { residents: { edges } } }));
      })().catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error.message);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
