// PostgreSQL may abort a transaction that lost a deadlock (40P01) or a serialisation race
// (40001); run again it usually commits. Prisma reports the SQLSTATE on the error, its meta,
// or the driver adapter's cause, and says P2034 for the same thing in its own words.
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

export function isRetryableConflict(error: unknown): boolean {
  const e = error as {
    code?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
    cause?: { code?: unknown; originalCode?: unknown };
  };
  if (e?.code === 'P2034') return true;
  const cause = e?.meta?.driverAdapterError?.cause;
  return (
    [e?.code, e?.meta?.code, cause?.originalCode, e?.cause?.code, e?.cause?.originalCode].some(
      (code) => typeof code === 'string' && RETRYABLE_SQLSTATES.has(code),
    ) || cause?.kind === 'TransactionWriteConflict'
  );
}

/** Runs `work` again (up to `attempts` times in all) while it fails with a deadlock or serialisation conflict. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // A short random pause so the transactions that collided do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
