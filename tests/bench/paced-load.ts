// Open-loop load at a fixed rate: one request every 1000/rate ms, evenly spaced, whether or
// not earlier ones have been answered, with each latency counted from when the request was
// due (so a stalled server is not flattered by requests it delayed: no coordinated
// omission). autocannon's rate limit sends each connection's quota for the second in one
// burst at the start of the second, which measures queueing in the burst rather than
// latency at the rate — hence this for "p99 at 200 requests/s". pacedLoadInChild runs it in
// its own process, so the server's event loop in the bench process carries none of its work.

import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export interface PacedResult {
  requested: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
}

export interface PacedLoadOptions {
  url: string;
  headers: Record<string, string>;
  /** Bodies to send in turn (POST). */
  bodies: readonly string[];
  rate: number;
  seconds: number;
}

/** pacedLoad in a child process (this module, under the same tsx loader as the bench). */
export function pacedLoadInChild(options: PacedLoadOptions): Promise<PacedResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, LUPA_PACED_LOAD_CHILD: '1' },
    });
    child.once('message', (result) => {
      resolve(result as PacedResult);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`paced load process exited with ${code}`));
    });
    child.send(options);
  });
}

if (process.env.LUPA_PACED_LOAD_CHILD === '1' && process.send) {
  process.once('message', (options) => {
    void pacedLoad(options as PacedLoadOptions).then((result) => process.send?.(result));
  });
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();

  const send = (body: string, due: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode !== 200) errors++;
            latencies.push(performance.now() - due);
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });

  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(options.bodies[i % options.bodies.length] as string, due));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requested: total,
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    errors,
  };
}
