// Creating the first hub key ring is an operator's action (or the first development start's)
// and is audited as keys.create, in one database transaction with writing the key files.
//
// Order, as for a rotation (rotate-hub-keys.ts): the keys are generated in memory, the record
// naming their public kids is appended (holding the audit lock), the files are written, then
// the transaction commits. A failed insert writes no file; a failed write rolls the record
// back. The files are the effect and the database is the audit, and no transaction spans
// both, so one window remains: the files written and the commit lost (a crash, a dropped
// connection). The ring check (check-hub-keys.ts) finds that ring on the next `pnpm keys:rotate`
// or server start: with no keys.* record at all it records keys.create with recordedLate: true
// — so the log is repaired, and says it was; after other records, as keys.unrecorded_change.
import {
  type AuditActor,
  appendAuditInTransaction,
  auditEvent,
  type WriteOptions,
} from '../audit/audited-transaction.js';
import { generateFirstHubKeyRing, type HubKeyStorage, HubKeys, storeFirstHubKeyRing } from '../auth/index.js';

export interface CreateHubKeysOptions extends WriteOptions {
  storage: HubKeyStorage;
  actor: AuditActor;
}

export class UnrecordedHubKeysError extends Error {}

class RingExistsAlready extends Error {}

const TRANSACTION = { maxWait: 15_000, timeout: 30_000 }; // the write waits for the key files' lock

/**
 * Creates the first ring in an empty storage, recorded as keys.create. If another process
 * created one first, that ring is opened and nothing is recorded here (`created: false`).
 */
export async function createHubKeys(options: CreateHubKeysOptions): Promise<{ keys: HubKeys; created: boolean }> {
  const { storage } = options;
  if (await storage.read()) return { keys: await HubKeys.openExisting(storage), created: false };
  const ring = await generateFirstHubKeyRing(options.now);
  const record = auditEvent(options, {
    kind: 'keys.create',
    payload: {
      kid: ring.currentKid,
      nextKid: ring.nextKid,
      recordedLate: false,
      ring: { current: ring.currentKid, next: ring.nextKid, retired: [] },
    },
  });
  try {
    await options.prisma.$transaction(async (tx) => {
      await appendAuditInTransaction(tx, [record]);
      if (!(await storeFirstHubKeyRing(storage, ring))) throw new RingExistsAlready();
    }, TRANSACTION);
  } catch (error) {
    if (error instanceof RingExistsAlready) return { keys: await HubKeys.openExisting(storage), created: false };
    // Whether the files were written is read from the files (the ring is renamed into place
    // last, so it is there whole or not at all), not from how far this code got.
    if (!(await storage.read().catch(() => undefined))) throw error;
    throw new UnrecordedHubKeysError(
      `The hub keys were created, but the audit record of it could not be committed (${
        error instanceof Error ? error.message : String(error)
      }); the next pnpm keys:rotate or server start records it (check-hub-keys.ts)`,
    );
  }
  return { keys: await HubKeys.openExisting(storage), created: true };
}
