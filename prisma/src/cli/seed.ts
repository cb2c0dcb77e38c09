// pnpm db:seed [--residents N] — migrates, then seeds the synthetic municipality.
// Memory stays bounded whatever N is: residents are generated and written in batches.
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { openDatabase } from '../client.js';
import { readDatabaseConfig } from '../config.js';
import { applyMigrations } from '../migrate/migrations.js';
import { loadPicKeys } from '../secrets.js';
import { seedDatabase } from '../seed/index.js';

const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '2000' },
    'batch-size': { type: 'string', default: '1000' },
  },
});
const residents = Number(values.residents);
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(residents) || residents < 0 || residents > 1_000_000) {
  console.error('--residents takes a whole number from 0 to 1000000');
  process.exit(2);
}
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('--batch-size takes a whole number from 1 to 10000');
  process.exit(2);
}

const config = readDatabaseConfig();
const db = await openDatabase({ config });
const started = performance.now();
// A progress bar on a terminal; plain lines every 5% in logs and CI, where redrawing a bar
// prints nothing useful.
const interactive = Boolean(process.stdout.isTTY);
const bar = new SingleBar(
  { format: 'Seeding residents [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}' },
  Presets.shades_classic,
);
let lastReported = -1;
function report(done: number): void {
  if (interactive) {
    bar.update(done);
    return;
  }
  const percent = residents === 0 ? 100 : Math.floor((done / residents) * 20) * 5;
  if (percent === lastReported) return;
  lastReported = percent;
  console.log(`seeded ${done}/${residents} residents (${percent}%)`);
}
try {
  await applyMigrations(db);
  if (interactive) bar.start(residents, 0);
  await seedDatabase(db.prisma, {
    residents,
    batchSize,
    picKeys: loadPicKeys(config.dataDir),
    onProgress: report,
  });
  if (interactive) bar.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const peakMiB = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(`Seeded ${residents} residents in ${seconds} s (peak memory ${peakMiB} MiB, ${db.kind}).`);
} catch (error) {
  if (interactive) bar.stop();
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
