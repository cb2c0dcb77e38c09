// The bench server (harness.ts: a seeded database and the real app) in a process of its own,
// driven over IPC, so the guarded read is measured the same way as the floor: the load
// generator in the bench process, each server alone on its event loop. The bench switches
// the privacy engine and the audit off and on between rounds (setBenchMode).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchDatabase, type BenchMode, type BenchServer, setBenchMode, startBenchServer } from './harness.js';

export interface GuardedServer {
  url: string;
  /** The throwaway PostgreSQL database's URL; undefined on PGlite. */
  databaseUrl: string | undefined;
  picEncryptionKey: string;
  serviceToken(organisationSlug: string, purpose: string): Promise<string>;
  setMode(mode: BenchMode): Promise<void>;
  auditEvents(): Promise<number>;
  close(): Promise<void>;
}

type Call =
  | { method: 'start'; residents: number; database: BenchDatabase }
  | { method: 'token'; organisationSlug: string; purpose: string }
  | { method: 'mode'; mode: BenchMode }
  | { method: 'audit-events' }
  | { method: 'close' };

export async function startGuardedInChild(residents: number, database: BenchDatabase): Promise<GuardedServer> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    // LUPA_BENCH_CPU_PROF=<dir>: a CPU profile of the server (node --cpu-prof), written when it exits.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.LUPA_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LUPA_BENCH_CPU_PROF}`] : []),
    ],
    // NODE_ENV=production as a deployment runs (main.ts warns without it; the bench already
    // reads the production config): graphql-js and Pothos check more in development, on every
    // field — graphql-js's cross-realm instanceOf alone was 1.2 % of the server's profile.
    env: { ...process.env, LUPA_GUARDED_CHILD: '1', NODE_ENV: 'production' },
  });
  let exited: Error | undefined;
  const waiting = new Set<(error: Error) => void>();
  child.once('exit', (code) => {
    exited = new Error(`guarded server process exited with ${code}`);
    for (const fail of waiting) fail(exited);
  });
  // One call at a time: the bench awaits each before the next.
  const call = <T>(message: Call) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(exited);
      waiting.add(reject);
      child.once('message', (answer) => {
        waiting.delete(reject);
        const { result, error } = answer as { result?: T; error?: string };
        if (error !== undefined) reject(new Error(error));
        else resolve(result as T);
      });
      child.send(message);
    });
  const started = await call<{ url: string; databaseUrl?: string; picEncryptionKey: string }>({
    method: 'start',
    residents,
    database,
  });
  return {
    url: started.url,
    databaseUrl: started.databaseUrl,
    picEncryptionKey: started.picEncryptionKey,
    serviceToken: (organisationSlug, purpose) => call({ method: 'token', organisationSlug, purpose }),
    setMode: (mode) => call({ method: 'mode', mode }),
    auditEvents: () => call({ method: 'audit-events' }),
    async close() {
      // The child exits on its own after closing (so a CPU profile gets written); kill it if not.
      const exited = new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
      });
      await call({ method: 'close' });
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

if (process.env.LUPA_GUARDED_CHILD === '1' && process.send) {
  let bench: BenchServer | undefined;
  let exitAfterAnswer = false;
  const server = () => {
    if (!bench) throw new Error('not started');
    return bench;
  };
  const answer = async (message: Call): Promise<unknown> => {
    switch (message.method) {
      case 'start':
        bench = await startBenchServer(message.residents, { database: message.database });
        return {
          url: bench.server.url,
          databaseUrl: bench.db.url,
          picEncryptionKey: bench.picKeys.encryptionKey.toString('hex'),
        };
      case 'token':
        return server().serviceToken(message.organisationSlug, message.purpose);
      case 'mode':
        setBenchMode(message.mode);
        return null;
      case 'audit-events':
        return server().db.prisma.auditEvent.count();
      case 'close':
        await bench?.close();
        exitAfterAnswer = true;
        return null;
    }
  };
  process.on('message', (message) => {
    answer(message as Call).then(
      (result) => process.send?.({ result }, undefined, {}, () => exitAfterAnswer && process.exit(0)),
      (error: Error) => process.send?.({ error: error.stack ?? error.message }),
    );
  });
}
