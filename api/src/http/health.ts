// Liveness and readiness. /healthz says the process answers; /readyz says it can serve:
// the database answers and every migration in the repository has been applied. A load
// balancer stops sending traffic while /readyz fails, and Lupa recovers without a restart.
import type { Database } from '@lupa/db';

export interface ReadinessCheck {
  ready: boolean;
  checks: { database: 'ok' | 'unreachable'; migrations: 'ok' | 'pending' | 'unknown' };
}

export async function checkReadiness(db: Database, expectedMigrations: readonly string[]): Promise<ReadinessCheck> {
  let rows: { migration_name: string }[];
  try {
    rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
  } catch (error) {
    const missingTable =
      error instanceof Error && /_prisma_migrations/.test(error.message) && /exist/.test(error.message);
    return missingTable
      ? { ready: false, checks: { database: 'ok', migrations: 'pending' } }
      : { ready: false, checks: { database: 'unreachable', migrations: 'unknown' } };
  }
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = expectedMigrations.some((name) => !applied.has(name));
  return { ready: !pending, checks: { database: 'ok', migrations: pending ? 'pending' : 'ok' } };
}
