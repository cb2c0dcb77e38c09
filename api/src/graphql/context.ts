// The per-request context. Everything a resolver may know about who is asking lives in
// `principal`, resolved once from the Authorization header before execution starts.
import type { Database, PicKeys, PrismaClient } from '@lupa/db';
import type { HubContext } from '../auth/index.js';
import type { AppConfig } from '../config/index.js';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import type { Logger } from '../log/index.js';

export type OfficerRole = 'ADMIN' | 'OFFICER' | 'AUDITOR';

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

export interface Context {
  requestId: string;
  principal: Principal;
  /** Fixed at the start of the request, so every decision in it sees the same instant. */
  now: Date;
  db: Database;
  prisma: PrismaClient;
  config: AppConfig;
  hub: HubContext;
  picKeys: PicKeys;
  /** The privacy engine's per-request gate and the record of what was read. */
  privacy: PrivacyGate;
  log: Logger;
}
