// pnpm bench — runs the benchmarks, prints a table per benchmark and writes
// bench/results/<time>.json with a description of the machine. Comparisons are measured side
// by side in one run; absolute numbers vary between machines, ratios much less.
//   pnpm bench                              all of them, at the default sizes
//   pnpm bench --only guarded,lookup        some of them
//   pnpm bench --seconds 30 --residents 200000
//   pnpm bench --only guarded --guarded-database pglite   (the floor is skipped on PGlite)
//   pnpm bench --only scale --scale-residents 1000000 --scale-events 10000000
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAudienceByDistrict } from './audience-by-district.js';
import { benchAuditAppend } from './audit-append.js';
import { benchGuardedRead } from './guarded-read.js';
import { machine } from './harness.js';
import { benchHorizontal } from './horizontal.js';
import { benchPicLookup } from './pic-lookup.js';
import { benchRevocation } from './revocation.js';
import { benchScale } from './scale.js';

const BENCHES = ['guarded', 'lookup', 'revocation', 'audit', 'horizontal', 'audience', 'scale'] as const;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    residents: { type: 'string', default: '2000' },
    only: { type: 'string', default: BENCHES.join(',') },
    'scale-residents': { type: 'string', default: '100000' },
    'scale-events': { type: 'string', default: '1000000' },
    // The audience benchmark seeds its own, larger municipality.
    'audience-residents': { type: 'string', default: '200000' },
    // The guarded read and its floor (a node-postgres handler) run on PostgreSQL: DATABASE_URL,
    // or the local server. On PGlite the floor is skipped.
    'guarded-database': { type: 'string', default: 'postgresql' },
  },
});
const options = {
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  residents: Number(values.residents),
};
const only = new Set(values.only.split(','));
for (const name of only) {
  if (!(BENCHES as readonly string[]).includes(name)) {
    console.error(`Unknown benchmark "${name}"; choose from ${BENCHES.join(', ')}`);
    process.exit(2);
  }
}

const started = new Date();
console.log(`Lupa benchmarks on ${JSON.stringify(machine())}`);
const results: object[] = [];
const fixed = (n: number, digits = 1) => n.toFixed(digits);

if (only.has('guarded')) {
  const database = values['guarded-database'];
  if (database !== 'postgresql' && database !== 'pglite') {
    console.error(`Unknown --guarded-database "${database}"; choose postgresql or pglite`);
    process.exit(2);
  }
  const guarded = await benchGuardedRead({ ...options, database });
  results.push(guarded);
  console.log(`\n${guarded.name} (${database}, each server in its own process)`);
  console.table({
    'guarded (engine + audit)': {
      'req/s': fixed(guarded.guarded.requestsPerSecond),
      'p99 ms': guarded.guarded.p99Ms,
      errors: guarded.guarded.errors,
    },
    'engine only (audit off)': {
      'req/s': fixed(guarded.engineOnly.requestsPerSecond),
      'p99 ms': guarded.engineOnly.p99Ms,
    },
    'unguarded (both off)': {
      'req/s': fixed(guarded.unguarded.requestsPerSecond),
      'p99 ms': guarded.unguarded.p99Ms,
      errors: guarded.unguarded.errors,
    },
    ...(guarded.floor && guarded.floorWithoutAudit
      ? {
          'floor: node:http + pg, 1 audit record of 100': {
            'req/s': fixed(guarded.floor.requestsPerSecond),
            'p99 ms': guarded.floor.p99Ms,
            errors: guarded.floor.errors,
          },
          'floor without the audit record': {
            'req/s': fixed(guarded.floorWithoutAudit.requestsPerSecond),
            'p99 ms': guarded.floorWithoutAudit.p99Ms,
          },
        }
      : {}),
  });
  console.log(`guarded/unguarded throughput ratio: ${fixed(guarded.ratio, 3)} (budget ≥ 0.8)`);
  if (guarded.guardedToFloor === null) {
    console.log('guarded/floor: skipped (the floor is a node-postgres handler; run on PostgreSQL)');
  } else {
    console.log(`guarded/floor throughput ratio: ${fixed(guarded.guardedToFloor, 3)} (budget ≥ 0.5)`);
    if (!guarded.floorPageOk) console.log('WARNING: the floor did not serve the same page (100 residents × 12 fields)');
  }
}

if (only.has('lookup')) {
  const rows: Record<string, object> = {};
  for (const database of ['pglite', 'postgresql'] as const) {
    const lookup = await benchPicLookup({ ...options, database });
    results.push({ name: 'lookup by personal identity code', ...lookup });
    for (const [load, r] of [
      ['200 req/s', lookup.atFixedRate],
      ['saturated', lookup.saturated],
    ] as const) {
      rows[`${database}, ${load}`] = {
        'req/s': fixed(r.requestsPerSecond),
        'p50 ms': fixed(r.p50Ms),
        'p99 ms': fixed(r.p99Ms),
        errors: r.errors,
      };
    }
  }
  console.log('\nlookup by personal identity code (budget on PostgreSQL: p99 ≤ 20 ms at 200 req/s, evenly paced)');
  console.table(rows);
}

if (only.has('revocation')) {
  const revocation = await benchRevocation({ readers: options.connections, residents: 200, database: 'postgresql' });
  results.push(revocation);
  console.log(`\n${revocation.name} (budget: 0 stale reads)`);
  console.table({ postgresql: revocation });
}

if (only.has('audit')) {
  const rows: Record<string, object> = {};
  for (const database of ['pglite', 'postgresql'] as const) {
    const audit = await benchAuditAppend({ seconds: options.seconds, database });
    results.push(audit);
    rows[database] = {
      'group commit ev/s': fixed(audit.groupCommitEventsPerSecond),
      'one tx per event ev/s': fixed(audit.oneTransactionPerEventEventsPerSecond),
      speedup: fixed(audit.groupCommitSpeedup, 2),
      'verify ev/s': fixed(audit.verifyEventsPerSecond),
    };
  }
  console.log('\naudit append with 50 concurrent clients, and chain verification');
  console.table(rows);
}

if (only.has('horizontal')) {
  const horizontal = await benchHorizontal({ ...options, residents: Math.min(options.residents, 2000) });
  results.push(horizontal);
  console.log(`\n${horizontal.name} (chain valid afterwards: ${horizontal.chainValid})`);
  console.table(
    Object.fromEntries(
      horizontal.rows.map((r) => [
        `${r.processes} process(es)`,
        {
          'req/s': fixed(r.requestsPerSecond),
          'p99 ms': r.p99Ms,
          speedup: fixed(r.speedup, 2),
          errors: r.errors + r.non2xx,
        },
      ]),
    ),
  );
}

if (only.has('audience')) {
  const audience = await benchAudienceByDistrict({ ...options, residents: Number(values['audience-residents']) });
  results.push(audience);
  console.log(`\n${audience.name}`);
  console.table({
    [audience.name]: {
      'seed s': fixed(audience.seedSeconds, 0),
      'in audience': audience.totalCount,
      'cold ms': fixed(audience.coldMs, 0),
      'warm ms': fixed(audience.warmMs, 0),
      'req/s': fixed(audience.requestsPerSecond),
      'p50 ms': audience.p50Ms,
      'p99 ms': audience.p99Ms,
      errors: audience.errors,
    },
  });
}

if (only.has('scale')) {
  const scale = await benchScale({
    residents: Number(values['scale-residents']),
    events: Number(values['scale-events']),
    seconds: options.seconds,
    connections: options.connections,
  });
  results.push(scale);
  const { seed, chain, accessLog, audiences, memoryUnderLoad: memory } = scale;
  console.log(`\n${scale.name}: ${scale.residents} residents, ${scale.auditEvents} audit events`);
  if (seed && chain)
    console.table({
      'residents (COPY)': {
        rows: seed.residents.rows,
        seconds: fixed(seed.residents.seconds),
        'rows/s': fixed(seed.residents.rowsPerSecond, 0),
        note: `+${seed.residents.otherRows} consent/interest/usage rows`,
      },
      'audit events (COPY, chained)': {
        rows: seed.events.rows,
        seconds: fixed(seed.events.seconds),
        'rows/s': fixed(seed.events.rowsPerSecond, 0),
        note: `indexes ${fixed(seed.indexesSeconds)} s, FKs ${fixed(seed.foreignKeysSeconds)} s, vacuum ${fixed(seed.vacuumSeconds)} s, total ${fixed(seed.totalSeconds)} s`,
      },
      'chain verification': {
        rows: chain.verified,
        seconds: fixed(chain.seconds),
        'rows/s': fixed(chain.eventsPerSecond, 0),
        note: '',
      },
    });
  console.log('budgets at 1,000,000 residents / 10,000,000 events: access log p95 ≤ 50 ms, audience p95 ≤ 200 ms');
  console.table({
    'access log (first 50)': {
      'p50 ms': fixed(accessLog.p50Ms),
      'p95 ms': fixed(accessLog.p95Ms),
      totalCount: '',
      errors: 0,
    },
    ...Object.fromEntries(
      Object.entries(audiences).map(([by, a]) => [
        `audience by ${by} (HTTP)`,
        { 'p50 ms': fixed(a.p50Ms), 'p95 ms': fixed(a.p95Ms), totalCount: a.totalCount, errors: a.errors },
      ]),
    ),
  });
  console.log(
    `API RSS under ${memory.seconds} s of guarded reads (${fixed(memory.requestsPerSecond)} req/s, p99 ${memory.p99Ms} ms, ` +
      `${memory.errors} errors): start ${memory.rssStartMiB} MiB, peak ${memory.rssPeakMiB} MiB, end ${memory.rssEndMiB} MiB`,
  );
}

const dir = resolve(import.meta.dirname, '../../bench/results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
writeFileSync(
  file,
  `${JSON.stringify({ startedAt: started.toISOString(), machine: machine(), options, results }, replacer, 2)}\n`,
);
console.log(`\nResults written to ${file}`);
