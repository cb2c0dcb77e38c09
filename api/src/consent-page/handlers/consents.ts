// Grant, withdraw and confirm through the page's forms, the result page and the receipts.
// Every change goes through the consents concern (grantConsent, withdrawConsent,
// confirmConsent): the page parses the form and calls exactly one of them.
import { confirmConsent } from '../../consents/confirm-consent.js';
import { grantConsent } from '../../consents/grant-consent.js';
import { withdrawConsent } from '../../consents/withdraw-consent.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { residentReadRecord } from '../audit-read.js';
import {
  type ConsentPageDeps,
  isTrustedPost,
  type PageRequest,
  pageResponse,
  readForm,
  redirectResponse,
} from '../page-request.js';
import { findResidentPurposes } from '../purposes-data.js';
import type { ResidentSessionInfo } from '../session.js';
import { type ConsentOutcome, resultPage } from '../views/result.js';
import { withdrawConfirmPage } from '../views/withdraw.js';
import { forbidden, notFound, signInFirst } from './common.js';

type SignedInPage = PageRequest & { session: ResidentSessionInfo };

function language(page: PageRequest): 'FI' | 'SV' | 'EN' {
  return page.lang.toUpperCase() as 'FI' | 'SV' | 'EN';
}

/** Runs a consent change; a refusal by the consents concern becomes a 404/409 page, not a 500. */
async function change(page: SignedInPage, work: (session: ResidentSessionInfo) => Promise<string>): Promise<Response> {
  try {
    const eventId = await work(page.session);
    return redirectResponse(page, `/consents/result?event=${eventId}`);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ConflictError) return notFound(page);
    throw error;
  }
}

export async function postConsentChange(
  deps: ConsentPageDeps,
  page: PageRequest,
  kind: 'grant' | 'withdraw' | 'confirm',
): Promise<Response> {
  const form = await readForm(page.request);
  if (!isTrustedPost(page, form)) return forbidden(page);
  if (!page.session) return signInFirst(page);
  const signedIn = page as SignedInPage;
  const { prisma } = deps.db;
  const base = { prisma, hub: deps.hub, now: page.now, language: language(page), requestId: page.requestId };
  if (kind === 'grant') {
    return change(signedIn, async (s) => {
      const granted = await grantConsent({
        ...base,
        residentId: s.residentId,
        purposeSlug: form.get('purpose') ?? '',
        channel: 'RESIDENT_PAGE',
        actor: { kind: 'RESIDENT', id: s.residentId },
        evidence: { channel: 'RESIDENT_PAGE', language: language(page), requestId: page.requestId },
      });
      return granted.eventId;
    });
  }
  if (kind === 'confirm') {
    return change(signedIn, async (s) => {
      const consentId = form.get('consent') ?? '';
      if (!/^[0-9a-f-]{36}$/.test(consentId)) throw new NotFoundError('No such consent');
      await confirmConsent({ ...base, residentId: s.residentId, consentId });
      const event = await prisma.consentEvent.findFirstOrThrow({
        where: { consentId, residentId: s.residentId, type: 'CONFIRMED' },
        orderBy: { occurredAt: 'desc' },
      });
      return event.id;
    });
  }
  return change(signedIn, async (s) => {
    const purpose = await prisma.purpose.findUnique({ where: { slug: form.get('purpose') ?? '' } });
    if (!purpose) throw new NotFoundError('No such purpose');
    const withdrawn = await withdrawConsent({
      ...base,
      residentId: s.residentId,
      purposeId: purpose.id,
      actor: { kind: 'RESIDENT', id: s.residentId },
      channel: 'RESIDENT_PAGE',
    });
    const event = await prisma.consentEvent.findFirstOrThrow({
      where: { consentId: { in: withdrawn.consentIds }, residentId: s.residentId, type: 'WITHDRAWN' },
      orderBy: { occurredAt: 'desc' },
    });
    return event.id;
  });
}

export async function getWithdrawConfirmation(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  if (!page.session) return signInFirst(page);
  const purposes = await findResidentPurposes(deps.db.prisma, page.session.residentId, page.now);
  const slug = page.url.searchParams.get('purpose');
  const purpose = purposes.find((p) => p.slug === slug && p.legalBasis === 'CONSENT');
  if (!purpose || (purpose.state !== 'granted' && purpose.state !== 'unconfirmed')) return notFound(page);
  await deps.audit.append([
    residentReadRecord({
      residentId: page.session.residentId,
      operation: 'residentPage.withdrawConfirmation',
      fields: ['consents'],
      requestId: page.requestId,
      now: page.now,
    }),
  ]);
  const continuing = purposes.filter((p) => p.legalBasis !== 'CONSENT');
  return pageResponse(page, withdrawConfirmPage(page.view, purpose, continuing));
}

async function ownEvent(deps: ConsentPageDeps, page: PageRequest & { session: ResidentSessionInfo }, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  // Scoped by the session's resident: another resident's event id finds nothing.
  return deps.db.prisma.consentEvent.findFirst({
    where: { id, residentId: page.session.residentId },
    include: { consent: { include: { purposeVersion: true } } },
  });
}

export async function getResult(deps: ConsentPageDeps, page: PageRequest): Promise<Response> {
  if (!page.session) return signInFirst(page);
  const event = await ownEvent(deps, page as SignedInPage, page.url.searchParams.get('event') ?? '');
  if (!event || event.type === 'EXPIRED') return notFound(page);
  const version = event.consent.purposeVersion;
  const title = page.lang === 'sv' ? version.titleSv : page.lang === 'en' ? version.titleEn : version.titleFi;
  return pageResponse(page, resultPage(page.view, event.type as ConsentOutcome, title, event.id));
}

export const RECEIPT_PATH = /^\/receipts\/([0-9a-f-]{36})\.jws$/;

export async function getReceipt(deps: ConsentPageDeps, page: PageRequest, eventId: string): Promise<Response> {
  if (!page.session) return signInFirst(page);
  const event = await ownEvent(deps, page as SignedInPage, eventId);
  if (!event?.receiptJws) return notFound(page);
  await deps.audit.append([
    residentReadRecord({
      residentId: page.session.residentId,
      operation: 'residentPage.receipt',
      fields: ['consents'],
      requestId: page.requestId,
      now: page.now,
    }),
  ]);
  return pageResponse(page, event.receiptJws, 200, {
    'content-type': 'application/jwt',
    'content-disposition': `attachment; filename="lupa-consent-receipt-${event.id}.jws"`,
  });
}
