// POST /consent-receipts/verify — anyone holding a receipt (the resident, a recipient, a
// supervisory authority) can ask whether the hub signed it and read what it records. The
// same check works offline with the public JWKS (see the README).
import { type HubContext, TokenError, verifyConsentReceipt } from '../auth/index.js';
import { BODY_LIMITS, PayloadTooLargeError, readBodyWithin } from './body-limit.js';
import { json } from './responses.js';

export async function handleReceiptVerification(
  request: Request,
  hub: HubContext,
  clock: () => Date,
): Promise<Response> {
  if (request.method !== 'POST') {
    return json({ valid: false, code: 'METHOD_NOT_ALLOWED', message: 'POST the receipt (application/jwt).' }, 405, {
      allow: 'POST',
    });
  }
  let text: string;
  try {
    text = (await readBodyWithin(request, BODY_LIMITS.receiptVerify)).trim();
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    return json({ valid: false, code: error.code, message: error.message }, 413, { connection: 'close' });
  }
  if (text.length === 0) {
    return json(
      { valid: false, code: 'BAD_REQUEST', message: 'Send the receipt, a compact JWS, as the request body.' },
      400,
    );
  }
  try {
    const receipt = await verifyConsentReceipt(hub, text, { now: clock() });
    return json({ valid: true, receipt });
  } catch (error) {
    if (error instanceof TokenError) {
      return json(
        { valid: false, code: error.code, message: 'The hub did not sign this receipt, or it was altered.' },
        400,
      );
    }
    throw error;
  }
}
