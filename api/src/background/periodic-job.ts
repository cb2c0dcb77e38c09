// A background loop shared by the notice worker and the consent-expiry sweep. The next run
// is scheduled only after the previous one has ended, so runs never overlap within a
// process; a run that reports more work waiting is followed at once, so a backlog drains
// without waiting an interval per batch. A failing run is logged by its error's class and
// code only: driver messages can quote a statement's values, and those can name residents.
import type { Logger } from '../log/index.js';

export interface PeriodicJob {
  /** Stops scheduling and resolves once the run in progress, if any, has ended. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  name: string;
  log: Logger;
  intervalMs: number;
  /** One run; resolves true when more work is waiting and the next run should start at once. */
  run: () => Promise<boolean>;
}

export function startPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const runOnce = async (): Promise<void> => {
    let backlog = false;
    try {
      backlog = await options.run();
    } catch (error) {
      options.log.error({ error: describeError(error) }, `${options.name} run failed`);
    }
    schedule(backlog ? 0 : options.intervalMs);
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      current = runOnce();
    }, delayMs);
    // The loop alone never keeps the process alive; the server does.
    timer.unref();
  };

  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

function describeError(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? { name: error.name, code } : { name: error.name };
}
