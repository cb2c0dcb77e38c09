// pnpm db:migration <name> — writes the next migration from the difference between the
// committed migrations and schema.prisma. Replays the migrations in an in-memory PGlite.
import { openDatabase } from '../client.js';
import { writeNextMigration } from '../migrate/migrations.js';

const name = process.argv[2];
if (!name) {
  console.error('Usage: pnpm db:migration <name>   (a-z, 0-9 and _, e.g. add_topics)');
  process.exit(2);
}
const shadow = await openDatabase({ inMemory: true });
try {
  const written = await writeNextMigration(shadow.adapterFactory, name);
  console.log(written ? `Wrote ${written}` : 'schema.prisma matches the migrations: nothing to write.');
} finally {
  await shadow.close();
}
