// Who is asking: resolved once per request from the credentials, before anything runs. It
// lives in auth/ (not in an adapter) because domain code and the audit log name it too.
import type { OfficerRole } from './scopes.js';

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'service';
      serviceId: string;
      clientId: string;
      organisationId: string;
      purposeId: string;
      purposeSlug: string;
      purposeVersionId: string;
      tokenId: string;
    }
  | { kind: 'officer'; officerId: string; roles: OfficerRole[]; scopes: readonly string[]; sessionId: string }
  | { kind: 'resident'; residentId: string; sessionId: string };
