// The delivery loop on its own, with the run replaced: it never overlaps itself, drains a
// backlog without waiting, survives a failing run, logs no more than an error's class, and
// stops only after the run in progress has ended. The timers are vitest's fake ones: every
// wait is a clock moved by the test, so no case depends on how fast a shared machine sleeps.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../api/src/log/index.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_ATTEMPTS,
  type DeliverDueNoticesInput,
  type DeliveryRunSummary,
} from '../../../api/src/webhooks/deliver-due-notices.js';
import {
  type NoticeWorker,
  type NoticeWorkerOptions,
  startNoticeWorker,
} from '../../../api/src/webhooks/notice-worker.js';

const EMPTY: DeliveryRunSummary = { claimed: 0, delivered: 0, retrying: 0, dead: 0 };
const INTERVAL_MS = 5;
/** Moves the fake clock, running every timer that falls due and the promises they settle. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

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
    intervalMs: INTERVAL_MS,
    ...options,
  });
}

describe('startNoticeWorker', () => {
  let worker: NoticeWorker | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    vi.useRealTimers();
  });

  it('starts the first run at once, without waiting an interval', async () => {
    const { state, deliver, releaseAll } = controlledRuns();
    worker = start({ deliver, intervalMs: 60_000 });
    expect(state.started).toBe(0); // scheduled, not run synchronously inside start
    await advance(0);
    expect(state.started).toBe(1);
    releaseAll();
  });

  it('never starts a run while the previous one is still going, and waits an interval after it', async () => {
    const { state, deliver, releaseAll } = controlledRuns();
    worker = start({ deliver });
    await advance(12 * INTERVAL_MS); // a dozen intervals pass while the first run hangs
    expect(state.started).toBe(1);
    state.release.shift()?.();
    await advance(INTERVAL_MS - 1);
    expect(state.started).toBe(1); // the interval counts from the end of the run
    await advance(1);
    expect(state.started).toBe(2);
    expect(state.maxInFlight).toBe(1);
    releaseAll();
  });

  it('passes the clock, batch size and attempt limit to every run', async () => {
    const seen: DeliverDueNoticesInput[] = [];
    let tick = 0;
    const times = [new Date('2027-03-01T10:00:00Z'), new Date('2027-03-01T10:00:05Z')];
    worker = start({
      clock: () => times[tick++] ?? new Date(0),
      batchSize: 7,
      maxAttempts: 3,
      deliver: async (input) => {
        seen.push(input);
        return EMPTY;
      },
    });
    await advance(INTERVAL_MS);
    expect(seen).toHaveLength(2);
    // The clock is asked afresh for each run, not read once when the worker starts.
    expect(seen[0]).toMatchObject({ now: times[0], batchSize: 7, maxAttempts: 3 });
    expect(seen[1]).toMatchObject({ now: times[1], batchSize: 7, maxAttempts: 3 });
  });

  it('uses the default batch size and attempt limit when none are given', async () => {
    const seen: DeliverDueNoticesInput[] = [];
    worker = start({
      deliver: async (input) => {
        seen.push(input);
        return EMPTY;
      },
    });
    await advance(0);
    expect(seen[0]).toMatchObject({ batchSize: DEFAULT_BATCH_SIZE, maxAttempts: DEFAULT_MAX_ATTEMPTS });
  });

  it('runs again at once after a full batch, and waits an interval after a partial one', async () => {
    let calls = 0;
    worker = start({
      intervalMs: 10_000,
      batchSize: 2,
      deliver: async () => {
        calls += 1;
        // Three full batches, then one partial: the backlog is gone.
        if (calls <= 3) return { claimed: 2, delivered: 2, retrying: 0, dead: 0 };
        return calls === 4 ? { claimed: 1, delivered: 1, retrying: 0, dead: 0 } : EMPTY;
      },
    });
    await advance(100); // far less than one interval
    expect(calls).toBe(4);
    await advance(9_800);
    expect(calls).toBe(4); // the partial batch is followed by a full interval's wait
    await advance(200);
    expect(calls).toBe(5);
  });

  it('logs a failed run by the error class only and keeps going after an interval', async () => {
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
    await advance(0);
    expect(calls).toBe(1);
    await advance(INTERVAL_MS);
    expect(calls).toBe(2);
    const failure = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'notice delivery run failed');
    expect(failure).toMatchObject({ level: 50, error: { name: 'Error', code: 'P2002' } });
    expect(lines.join('\n')).not.toMatch(/Virtanen|123e4567/);
  });

  it('stop() waits for the run in flight and schedules nothing after it', async () => {
    const { state, deliver } = controlledRuns();
    worker = start({ deliver });
    await advance(0);
    expect(state.inFlight).toBe(1);
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await advance(20 * INTERVAL_MS);
    expect(stopped).toBe(false);
    state.release.shift()?.();
    await stopping;
    expect(state.inFlight).toBe(0);
    await advance(100 * INTERVAL_MS);
    expect(state.started).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() between runs cancels the scheduled one', async () => {
    let calls = 0;
    worker = start({
      deliver: async () => {
        calls += 1;
        return EMPTY;
      },
    });
    await advance(0);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(1); // the next run, waiting its interval
    await worker.stop();
    await advance(100 * INTERVAL_MS);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
