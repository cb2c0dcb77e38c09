// Answers shared by the resident page's handlers.
import type { MessageKey } from '../i18n/index.js';
import { type PageRequest, pageResponse, redirectResponse } from '../page-request.js';
import { messagePage } from '../views/sign-in.js';

export function forbidden(page: PageRequest): Response {
  return pageResponse(
    page,
    messagePage(page.view, 'forbiddenTitle', 'forbiddenBody', { href: '/', label: 'continue' }),
    403,
  );
}

export function notFound(page: PageRequest): Response {
  return pageResponse(
    page,
    messagePage(page.view, 'notFoundTitle', 'notFoundBody', { href: '/', label: 'backToPurposes' }),
    404,
  );
}

export function message(page: PageRequest, status: number, title: MessageKey, body: MessageKey): Response {
  return pageResponse(page, messagePage(page.view, title, body, { href: '/', label: 'backToSignIn' }), status);
}

/** A form larger than the page accepts; `connection: close` tells the browser to stop sending. */
export function payloadTooLarge(page: PageRequest): Response {
  return pageResponse(
    page,
    messagePage(page.view, 'tooLargeTitle', 'tooLargeBody', { href: '/', label: 'continue' }),
    413,
    { connection: 'close' },
  );
}

export function methodNotAllowed(page: PageRequest, allow: string): Response {
  return pageResponse(page, messagePage(page.view, 'notFoundTitle', 'notFoundBody'), 405, { allow });
}

/** Pages behind sign-in send a signed-out visitor to the sign-in page. */
export function signInFirst(page: PageRequest): Response {
  return redirectResponse(page, '/');
}
