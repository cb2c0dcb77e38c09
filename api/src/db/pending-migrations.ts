// Which of this build's migrations the database has not applied. For the CLI tools that write
// to tables the migrations create (keys:rotate records in the audit log): an operator who
// runs one before `pnpm db:migrate` is told exactly that, not a driver's "relation does not exist".
import { type Database, listMigrationNames } from '@lupa/db';

export async function pendingMigrations(db: Database): Promise<string[]> {
  const expected = await listMigrationNames();
  let rows: { migration_name: string }[];
  try {
    rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
  } catch (error) {
    // No migration table: nothing has been applied.
    if (error instanceof Error && /_prisma_migrations/.test(error.message) && /exist/.test(error.message)) {
      return expected;
    }
    throw error;
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  return expected.filter((name) => !applied.has(name));
}

/** The one message a tool gives when the database is not migrated; undefined when it is. */
export function migrateFirstMessage(pending: readonly string[], tool: string): string | undefined {
  if (pending.length === 0) return undefined;
  return (
    `the database has ${pending.length} migration(s) not applied (${pending.at(-1)} among them). Run ` +
    `\`pnpm db:migrate\` first (with the same DATABASE_URL or LUPA_DATA_DIR), then \`${tool}\` again: ` +
    'it records its change in the audit log, whose tables the migrations create.'
  );
}
