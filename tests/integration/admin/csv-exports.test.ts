// The CSV downloads: BOM, `;`, quoting of separators, quotes and line breaks, Finnish
// letters intact, formula cells neutralised, streamed over several keyset pages with a row
// count header, audited before sending, and refused to anyone without audit:export.
import { organisationId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { personalFieldsOf } from '../../../api/src/purposes/records-of-processing.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';
import { appendEvents, officerRead, residentIds, serviceRead } from './support.js';

const BOM = '\uFEFF';
const AUDIT_CSV = `${BASE_URL}/admin/api/audit-export.csv`;
const RECORDS_CSV = `${BASE_URL}/admin/api/records-of-processing.csv`;

let t: TestApp;
let auditor: { token: string; officerId: string };
/** More rows than one export page (1000), so the stream crosses page boundaries. */
const BULK = 2100;

beforeAll(async () => {
  t = await createTestApp({ residents: 4, now: new Date('2030-05-10T12:00:00.000Z') });
  auditor = await t.officerToken('AUDITOR');
  const [resident] = await residentIds(t, 1);
  await appendEvents(
    t,
    Array.from({ length: BULK }, (_, i) =>
      serviceRead({ organisation: 'jazz-association', occurredAt: new Date(Date.UTC(2030, 4, 1, 0, 0, i)) }),
    ),
  );
  await appendEvents(t, [
    officerRead(auditor.officerId, {
      residentId: resident ?? null,
      reason: 'Äidin valitus; "kiireellinen"\nöljylamppu',
    }),
    officerRead(auditor.officerId, { residentId: resident ?? null, reason: '=HYPERLINK("http://x.invalid")' }),
  ]);
});
afterAll(() => t.close());

function get(url: string, token?: string, method = 'GET') {
  return t.app.fetch(new Request(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }));
}

async function bodyText(response: Response): Promise<string> {
  // Decode without stripping the BOM, to see exactly what a spreadsheet program gets.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

describe('GET /admin/api/audit-export.csv', () => {
  it('streams every matching row as UTF-8 CSV with a BOM, `;` and a row count for progress', async () => {
    const filter = new URLSearchParams({
      organisationId: encodeId('Organisation', organisationId('jazz-association')),
    });
    const response = await get(`${AUDIT_CSV}?${filter}`, auditor.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-events-2030-05-10\.csv"$/,
    );
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('x-total-rows')).toBe(String(BULK));
    const text = await bodyText(response);
    expect(text.startsWith(`${BOM}seq;occurredAt;actorKind;actorId;organisation;organisationName;`)).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(BULK + 1);
    const seqs = lines.slice(1).map((line) => BigInt(line.split(';')[0] as string));
    expect(new Set(seqs).size).toBe(BULK);
    expect(seqs.every((seq, i) => i === 0 || seq < (seqs[i - 1] as bigint))).toBe(true);
    expect(lines[1]).toContain(';jazz-association;Lumilaakson Jazzyhdistys ry;');
  });

  it('quotes separators, quotes and line breaks, keeps Finnish letters, and defuses formulas', async () => {
    const response = await get(`${AUDIT_CSV}?actorKind=OFFICER`, auditor.token);
    const text = await bodyText(response);
    expect(text).toContain(';"Äidin valitus; ""kiireellinen""\nöljylamppu";');
    expect(text).toContain(`;"'=HYPERLINK(""http://x.invalid"")";`);
    // This export and the one before are officer events too: the count covers them all.
    const lines = text
      .slice(1)
      .split('\r\n')
      .filter((line) => /^\d+;/.test(line));
    expect(response.headers.get('x-total-rows')).toBe(String(lines.length));
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });

  it('is recorded in the audit log before it is sent, with its filter', async () => {
    const { token, officerId } = await t.officerToken('OFFICER');
    const response = await get(`${AUDIT_CSV}?outcome=DENIED`, token);
    expect(response.status).toBe(200);
    const recorded = await t.db.prisma.auditEvent.findFirst({
      where: { actorId: officerId, kind: 'export.audit_csv' },
    });
    expect(recorded).toMatchObject({ actorKind: 'OFFICER', fieldsReturned: ['auditEvents'] });
    expect(recorded?.operation).toBe('export audit-events {"outcome":"DENIED"}');
    await response.arrayBuffer();
  });

  it('refuses unknown parameters and malformed values with 400', async () => {
    for (const query of [
      'colour=red',
      'outcome=MAYBE',
      'from=yesterday',
      `organisationId=${encodeId('Service', organisationId('parish'))}`,
    ]) {
      const response = await get(`${AUDIT_CSV}?${query}`, auditor.token);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'BAD_USER_INPUT' });
    }
  });
});

describe('GET /admin/api/records-of-processing.csv', () => {
  it('has one row per purpose in force, with its basis, categories, recipients and retention', async () => {
    const response = await get(RECORDS_CSV, auditor.token);
    expect(response.status).toBe(200);
    const text = await bodyText(response);
    expect(
      text.startsWith(`${BOM}controller;controllerBusinessId;purpose;version;status;nameFi;nameSv;nameEn;legalBasis;`),
    ).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    const published = await t.db.prisma.purpose.count({ where: { versions: { some: { status: 'PUBLISHED' } } } });
    expect(lines).toHaveLength(published + 1);
    expect(response.headers.get('x-total-rows')).toBe(String(published));
    const concert = lines.find((line) => line.split(';')[2] === 'concert-recommendations');
    expect(concert).toContain('Lumilaakson kansalaisopisto;9100004-8;concert-recommendations;');
    expect(concert).toContain(';CONSENT;;');
    expect(concert).toContain(';Lumilaakson Jazzyhdistys ry;');
    expect(concert).toContain('serviceUsage (MASKED)');
    // The personal fields per category come from the typed field table.
    expect(concert?.split(';').at(-1)).toContain(`serviceUsage: ${personalFieldsOf('serviceUsage').join(', ')}`);
    expect(personalFieldsOf('serviceUsage')).toEqual(['serviceUsages']);
  });

  it('is recorded as export.records_of_processing with the officer as actor, before it is sent', async () => {
    const officer = await t.officerToken('OFFICER');
    const response = await get(RECORDS_CSV, officer.token);
    expect(response.status).toBe(200);
    const recorded = await t.db.prisma.auditEvent.findMany({
      where: { kind: 'export.records_of_processing', actorId: officer.officerId },
    });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actorKind: 'OFFICER', outcome: 'ALLOWED', residentId: null, payload: null });
  });
});

describe('who may download', () => {
  it.each([AUDIT_CSV, RECORDS_CSV])('%s: 401 anonymous, 403 for ADMIN and services, 405 for POST', async (url) => {
    expect((await get(url)).status).toBe(401);
    const admin = (await t.officerToken('ADMIN')).token;
    const adminResponse = await get(url, admin);
    expect(adminResponse.status).toBe(403);
    expect(await adminResponse.json()).toMatchObject({ error: 'FORBIDDEN' });
    const service = await (await t.registerServiceClient('adult-education')).token('concert-recommendations');
    expect((await get(url, service)).status).toBe(403);
    expect((await get(url, 'not.a.token')).status).toBe(401);
    expect((await get(url, auditor.token, 'POST')).status).toBe(405);
  });
});
