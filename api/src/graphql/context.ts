// The per-request context. Everything a resolver may know about who is asking lives in
// `principal`, resolved once from the Authorization header before execution starts.
import type { Database, PicKeys, PrismaClient } from '@lupa/db';
import type { HubContext, Principal } from '../auth/index.js';
import type { AppConfig } from '../config/index.js';
import type { PrivacyGate } from '../enforcement/privacy-gate.js';
import type { Logger } from '../log/index.js';
import type { SignInThrottle } from '../officers/sign-in-throttle.js';

export type { OfficerRole } from '../auth/index.js';
export type { Principal };

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
  /** The peer address the request came from (sign-in throttling); null in-process. */
  clientAddress: string | null;
  /** Failed officer sign-ins per (e-mail, client) and per client; one per app. */
  signInThrottle: SignInThrottle;
}
