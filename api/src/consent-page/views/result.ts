// The answer after a grant, confirmation or withdrawal, with the signed receipt to keep.
import { html } from '../html.js';
import type { MessageKey } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { renderPage } from './layout.js';

export type ConsentOutcome = 'GRANTED' | 'CONFIRMED' | 'WITHDRAWN';

const MESSAGE: Record<ConsentOutcome, MessageKey> = {
  GRANTED: 'resultGranted',
  CONFIRMED: 'resultConfirmed',
  WITHDRAWN: 'resultWithdrawn',
};

export function resultPage(ctx: ViewContext, outcome: ConsentOutcome, purposeTitle: string, eventId: string): string {
  const t = ctx.t;
  return renderPage(ctx, {
    title: t('resultTitle'),
    body: html`<p role="status" class="status">${t(MESSAGE[outcome], { purpose: purposeTitle })}</p>
<p><a class="button" href="/receipts/${eventId}.jws" download>${t('receiptLink')}</a></p>
<p class="hint">${t('receiptHint')}</p>
<p><a href="/">${t('backToPurposes')}</a></p>`,
  });
}
