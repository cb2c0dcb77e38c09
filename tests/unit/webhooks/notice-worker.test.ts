// The delivery loop on its own, with the run replaced: it never overlaps itself, drains a
// backlog without waiting, survives a failing run, logs no more than an error's class, and
// stops only after the run in progress has ended.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../api/src/log/index.js';
import type { DeliverDueNoticesInput, DeliveryRunSummary } from '../../../api/src/webhooks/deliver-due-notices.js';
import {
  type NoticeWorker,
  type NoticeWorkerOptions,
  startNoticeWorker,
} from '../../../api/src/webhooks/notice-worker.js';

const EMPTY: DeliveryRunSummary = { claimed: 0, delivered: 0, retrying: 0, dead: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run whose end the test decides, recording how many runs were ever in flight at once. */
function controlledRuns() {
  const state = { started: 0, inFlight: 0, maxInFlight: 0, release: [] as (() => void)[], open: false };
  const deliver = async (_input: DeliverDueNoticesInput): Promise<DeliveryRunSummary> => {
    state.started += 1;
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    if (!state.open) await new Promise<void>((resolve) => state.release.push(resolve));
    state.inFlight -= 1;
    return EMPTY;
  };
  /** Lets every run, present and future, end at once (so the worker can be stopped). */
  const releaseAll = () => {
    state.open = true;
    for (const release of state.release.splice(0)) release();
  };
  return { state, deliver, releaseAll };
}

function start(options: Partial<NoticeWorkerOptions> & Pick<NoticeWorkerOptions, 'deliver'>, lines: string[] = []) {
  return startNoticeWorker({
    // The substituted run never touches the database or the keys.
    prisma: {} as NoticeWorkerOptions['prisma'],
    hub: {} as NoticeWorkerOptions['hub'],
    log: createLogger('info', { write: (line: string) => void lines.push(line) }),
    intervalMs: 5,
    ...options,
  });
}

describe('startNoticeWorker', () => {
  let worker: NoticeWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('never starts a run while the previous one is still going', async () => {
    const { state, deliver, releaseAll } = controlledRuns();
    worker = start({ deliver });
    await sleep(60); // a dozen intervals
    expect(state.started).toBe(1);
    state.release.shift()?.();
    await sleep(30);
    expect(state.started).toBe(2);
    expect(state.maxInFlight).toBe(1);
    releaseAll();
  });

  it('passes the clock, batch size and attempt limit to every run', async () => {
    const seen: DeliverDueNoticesInput[] = [];
    const now = new Date('2027-03-01T10:00:00Z');
    worker = start({
      clock: () => now,
      batchSize: 7,
      maxAttempts: 3,
      deliver: async (input) => {
        seen.push(input);
        return EMPTY;
      },
    });
    await sleep(30);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ now, batchSize: 7, maxAttempts: 3 });
  });

  it('runs again at once after a full batch, and waits an interval after a partial one', async () => {
    const runs: number[] = [];
    let calls = 0;
    worker = start({
      intervalMs: 10_000,
      batchSize: 2,
      deliver: async () => {
        calls += 1;
        runs.push(Date.now());
        // Three full batches, then the backlog is gone.
        return calls <= 3 ? { claimed: 2, delivered: 2, retrying: 0, dead: 0 } : EMPTY;
      },
    });
    await sleep(100);
    expect(calls).toBe(4);
  });

  it('logs a failed run by the error class only and keeps going', async () => {
    const lines: string[] = [];
    let calls = 0;
    worker = start(
      {
        deliver: async () => {
          calls += 1;
          if (calls === 1) {
            throw Object.assign(new Error('insert failed for resident 123e4567 Virtanen'), { code: 'P2002' });
          }
          return EMPTY;
        },
      },
      lines,
    );
    await sleep(50);
    expect(calls).toBeGreaterThan(1);
    const failure = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'notice delivery run failed');
    expect(failure).toMatchObject({ level: 50, error: { name: 'Error', code: 'P2002' } });
    expect(lines.join('\n')).not.toMatch(/Virtanen|123e4567/);
  });

  it('stop() waits for the run in flight and schedules nothing after it', async () => {
    const { state, deliver } = controlledRuns();
    worker = start({ deliver });
    await sleep(20);
    expect(state.inFlight).toBe(1);
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await sleep(20);
    expect(stopped).toBe(false);
    state.release.shift()?.();
    await stopping;
    expect(state.inFlight).toBe(0);
    await sleep(40);
    expect(state.started).toBe(1);
  });
});
