// pnpm db:migrate — applies pending migrations to the configured database (PGlite under
// LUPA_DATA_DIR, or PostgreSQL when DATABASE_URL is set). Safe to run again.
import { openDatabase } from '../client.js';
import { applyMigrations } from '../migrate/migrations.js';

const db = await openDatabase();
try {
  const applied = await applyMigrations(db);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.',
  );
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
