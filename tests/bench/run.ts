// pnpm bench — runs the benchmarks, prints a table and writes bench/results/<time>.json
// with a description of the machine. Comparisons are measured side by side in one run;
// absolute numbers vary between machines, ratios much less.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAudienceByDistrict } from './audience-by-district.js';
import { benchGuardedRead } from './guarded-read.js';
import { machine } from './harness.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    residents: { type: 'string', default: '2000' },
    'audience-residents': { type: 'string', default: '200000' },
    only: { type: 'string' },
  },
});
const options = {
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  residents: Number(values.residents),
};
// `--only audience` or `--only guarded` runs one benchmark; both run by default.
const only = values.only;

const started = new Date();
console.log(`Lupa benchmarks on ${JSON.stringify(machine())}`);
const results: unknown[] = [];
if (only === undefined || only === 'guarded') results.push(await runGuarded());
if (only === undefined || only === 'audience') results.push(await runAudience());

async function runAudience() {
  const audience = await benchAudienceByDistrict({ ...options, residents: Number(values['audience-residents']) });
  console.table({
    [audience.name]: {
      'seed s': audience.seedSeconds.toFixed(0),
      'in audience': audience.totalCount,
      'cold ms': audience.coldMs.toFixed(0),
      'warm ms': audience.warmMs.toFixed(0),
      'req/s': audience.requestsPerSecond.toFixed(1),
      'p50 ms': audience.p50Ms,
      'p99 ms': audience.p99Ms,
      errors: audience.errors,
    },
  });
  return audience;
}

async function runGuarded() {
  const guarded = await benchGuardedRead(options);

  console.table({
    'guarded (engine + audit)': {
      'req/s': guarded.guarded.requestsPerSecond.toFixed(1),
      'p99 ms': guarded.guarded.p99Ms,
      errors: guarded.guarded.errors,
    },
    'engine only (audit off)': {
      'req/s': guarded.engineOnly.requestsPerSecond.toFixed(1),
      'p99 ms': guarded.engineOnly.p99Ms,
      errors: 0,
    },
    'unguarded (both off)': {
      'req/s': guarded.unguarded.requestsPerSecond.toFixed(1),
      'p99 ms': guarded.unguarded.p99Ms,
      errors: guarded.unguarded.errors,
    },
  });
  console.log(
    `guarded/unguarded throughput ratio: ${guarded.ratio.toFixed(3)} (audit events written: ${guarded.auditEventsWritten})`,
  );
  return guarded;
}

const dir = resolve(import.meta.dirname, '../../bench/results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ startedAt: started.toISOString(), machine: machine(), options, results }, null, 2)}\n`,
);
console.log(`Results written to ${file}`);
