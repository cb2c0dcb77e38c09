// What `pnpm keys:rotate` and `pnpm keys:acknowledge` share: the migrated database they record
// in, the operator as the SYSTEM actor, and the key listing they print (kids, never key material).
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { type Database, openDatabase, readDatabaseConfig } from '@lupa/db';
import type { HubKeySummary } from '../auth/index.js';
import { migrateFirstMessage, pendingMigrations } from '../db/pending-migrations.js';

export async function withMigratedDatabase(
  command: string,
  run: (prisma: Database['prisma']) => Promise<void>,
): Promise<void> {
  const db = await openDatabase({ config: readDatabaseConfig() });
  try {
    const problem = migrateFirstMessage(await pendingMigrations(db), command);
    if (problem) throw new Error(problem);
    await run(db.prisma);
  } finally {
    await db.close();
  }
}

/** The operator running `tool` (e.g. "keys-rotate") as the SYSTEM actor, by their login here. */
export function operatorAction(prisma: Database['prisma'], tool: string) {
  return {
    prisma,
    actor: { kind: 'SYSTEM', id: `cli:${tool}:${operatorLogin()}` } as const,
    requestId: `cli-${randomUUID()}`,
    now: new Date(),
  };
}

function operatorLogin(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

export function printKeys(title: string, summary: HubKeySummary[]): void {
  const iso = (date: Date | undefined): string => (date?.toISOString() ?? '-').padEnd(24);
  console.log(title);
  console.log(
    `${'state'.padEnd(8)}${'kid'.padEnd(44)}${'created'.padEnd(25)}${'retired'.padEnd(25)}short-lived tokens refused from`,
  );
  for (const key of summary) {
    console.log(
      `${key.state.padEnd(8)}${key.kid} ${iso(key.createdAt)} ${iso(key.retiredAt)} ${iso(key.retireAfter).trim()}`,
    );
  }
}
