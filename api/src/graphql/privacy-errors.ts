import { GraphQLError } from 'graphql';
import type { DenialReason } from '../privacy/index.js';

/** A field the privacy engine refused: it resolves to null and this error says why. */
export class PrivacyDeniedError extends GraphQLError {
  constructor(
    readonly reason: DenialReason,
    message = `Not available under this purpose (${reason}).`,
  ) {
    super(message, { extensions: { code: 'PRIVACY_DENIED', reason } });
  }
}
