// The resident's own data: the purposes page, the access history and the full export.
// Each read is audited as the resident before the page is sent.
import { findResidentAccessLog } from '../../audit/access-log.js';
import { residentFieldCategory } from '../../privacy/personal-fields.js';
import { residentReadRecord } from '../audit-read.js';
import { type ConsentPageDeps, type PageRequest, pageResponse } from '../page-request.js';
import { findResidentPurposes } from '../purposes-data.js';
import { buildResidentExport, EXPORTED_FIELDS } from '../resident-export.js';
import { type AccessLogFilters, accessLogPage } from '../views/access-log.js';
import { purposesPage } from '../views/purposes.js';
import { signInPage } from '../views/sign-in.js';
import { signInFirst } from './common.js';

function audit(deps: ConsentPageDeps, page: PageRequest, residentId: string, operation: string, fields: string[]) {
  return deps.audit.append([
    residentReadRecord({
      residentId,
      operation,
      fields,
      requestId: page.requestId,
      now: page.now,
      kind: operation === 'residentPage.export' ? 'export.resident' : 'resident.self_read',
    }),
  ]);
}

export async function getHome(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  if (!page.session) return pageResponse(page, signInPage(page.view));
  const { residentId } = page.session;
  const purposes = await findResidentPurposes(deps.db.prisma, residentId, page.now);
  await audit(deps, page, residentId, 'residentPage.purposes', ['firstName', 'consents']);
  return pageResponse(page, purposesPage(page.view, purposes));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string, endOfDay: boolean): Date | undefined | 'INVALID' {
  if (!value) return undefined;
  if (!DATE.test(value)) return 'INVALID';
  // Days are Helsinki days for the resident; UTC bounds keep the filter simple and inclusive enough.
  const date = new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`);
  return Number.isNaN(date.getTime()) ? 'INVALID' : date;
}

export async function getAccessLog(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  if (!page.session) return signInFirst(page);
  const { residentId } = page.session;
  const q = page.url.searchParams;
  const raw = {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    organisation: q.get('organisation') ?? '',
    purpose: q.get('purpose') ?? '',
  };
  const from = parseDate(raw.from, false);
  const to = parseDate(raw.to, true);
  const organisationId = /^[0-9a-f-]{36}$/.test(raw.organisation) ? raw.organisation : undefined;
  const filters: AccessLogFilters = { ...raw, fromInvalid: from === 'INVALID', toInvalid: to === 'INVALID' };
  const { prisma } = deps.db;
  const [entries, organisations, purposes] = await Promise.all([
    findResidentAccessLog(prisma, {
      residentId,
      forResident: true,
      now: page.now,
      categoryOf: residentFieldCategory,
      first: 200,
      from: from instanceof Date ? from : undefined,
      to: to instanceof Date ? to : undefined,
      organisationId,
      purposeSlug: raw.purpose || undefined,
    }),
    prisma.organisation.findMany({ orderBy: { nameFi: 'asc' } }),
    prisma.purposeVersion.findMany({
      where: { status: 'PUBLISHED' },
      orderBy: { titleFi: 'asc' },
      select: { titleFi: true, titleSv: true, titleEn: true, purpose: { select: { slug: true } } },
    }),
  ]);
  await audit(deps, page, residentId, 'residentPage.accessLog', ['accessLog']);
  const status = filters.fromInvalid || filters.toInvalid ? 400 : 200;
  return pageResponse(
    page,
    accessLogPage(page.view, entries, filters, {
      organisations: organisations.map((o) => ({ id: o.id, name: { fi: o.nameFi, sv: o.nameSv, en: o.nameEn } })),
      purposes: purposes.map((p) => ({ slug: p.purpose.slug, title: { fi: p.titleFi, sv: p.titleSv, en: p.titleEn } })),
    }),
    status,
  );
}

export async function getExport(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  if (!page.session) return signInFirst(page);
  const { residentId } = page.session;
  const document = await buildResidentExport({
    prisma: deps.db.prisma,
    picKeys: deps.picKeys,
    residentId,
    now: page.now,
  });
  await audit(deps, page, residentId, 'residentPage.export', [...EXPORTED_FIELDS, 'consents', 'accessLog']);
  return pageResponse(page, JSON.stringify(document, null, 2), 200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="lupa-my-data-${page.now.toISOString().slice(0, 10)}.json"`,
  });
}
