// What `pnpm start` does to the database before serving: apply pending migrations, then
// seed the demo municipality once. The seed marker makes a second start reuse the data.
import { applyMigrations, type Database, loadPicKeys } from '@lupa/db';
import { readSeedMarker, seedDatabase } from '@lupa/db/seed';
import type { Logger } from '../log/index.js';

export interface PrepareOptions {
  seedResidents: number;
  seedOnStart: boolean;
  dataDir: string;
}

/** Resolves true when this start seeded the demo municipality. */
export async function prepareDatabase(db: Database, options: PrepareOptions, log: Logger): Promise<boolean> {
  const applied = await applyMigrations(db);
  if (applied.length) log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
  if (!options.seedOnStart) return false;
  const marker = await readSeedMarker(db.prisma);
  if (marker) {
    log.info({ residents: marker.residents, seededAt: marker.finishedAt }, 'reusing seeded data');
    return false;
  }
  log.info({ residents: options.seedResidents }, 'seeding the demo municipality (first start only)');
  let lastLogged = 0;
  await seedDatabase(db.prisma, {
    residents: options.seedResidents,
    picKeys: loadPicKeys(options.dataDir),
    onProgress: (done, total) => {
      if (done === total || done - lastLogged >= Math.max(1000, total / 10)) {
        lastLogged = done;
        log.info({ done, total }, `seeded ${done}/${total} residents`);
      }
    },
  });
  return true;
}
