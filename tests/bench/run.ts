// pnpm bench — runs the benchmarks, prints a table and writes bench/results/<time>.json
// with a description of the machine. Comparisons are measured side by side in one run;
// absolute numbers vary between machines, ratios much less.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchGuardedRead } from './guarded-read.js';
import { machine } from './harness.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    residents: { type: 'string', default: '2000' },
  },
});
const options = {
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  residents: Number(values.residents),
};

const started = new Date();
console.log(`Lupa benchmarks on ${JSON.stringify(machine())}`);
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

const dir = resolve(import.meta.dirname, '../../bench/results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ startedAt: started.toISOString(), machine: machine(), options, results: [guarded] }, null, 2)}\n`,
);
console.log(`Results written to ${file}`);
