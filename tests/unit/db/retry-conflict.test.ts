import { describe, expect, it } from 'vitest';
import { isRetryableConflict, retryOnConflict } from '../../../api/src/db/retry-conflict.js';

// The shapes Prisma 7 gives a driver error: SQLSTATE on the error, its meta, or the adapter's cause.
const deadlock = Object.assign(new Error('deadlock detected'), {
  meta: { driverAdapterError: { cause: { originalCode: '40P01' } } },
});

describe('retryOnConflict', () => {
  it('recognises deadlocks and serialisation failures in each shape, and nothing else', () => {
    expect(isRetryableConflict(deadlock)).toBe(true);
    expect(isRetryableConflict({ code: '40001' })).toBe(true);
    expect(isRetryableConflict({ code: 'P2034' })).toBe(true);
    expect(isRetryableConflict({ meta: { code: '40P01' } })).toBe(true);
    expect(isRetryableConflict({ code: '23505' })).toBe(false);
    expect(isRetryableConflict(new Error('boom'))).toBe(false);
    expect(isRetryableConflict(undefined)).toBe(false);
  });

  it('runs the work again after a deadlock and returns its answer', async () => {
    let runs = 0;
    const answer = await retryOnConflict(async () => {
      runs++;
      if (runs < 3) throw deadlock;
      return 'committed';
    });
    expect([answer, runs]).toEqual(['committed', 3]);
  });

  it('gives up after the attempts and does not retry other errors', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw deadlock;
      }, 2),
    ).rejects.toBe(deadlock);
    expect(runs).toBe(2);
    runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw new Error('not a conflict');
      }),
    ).rejects.toThrow('not a conflict');
    expect(runs).toBe(1);
  });
});
