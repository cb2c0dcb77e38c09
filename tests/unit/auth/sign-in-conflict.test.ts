// A sign-in whose transaction keeps failing on a deadlock (or times out) must not tell a right
// password from a wrong one: both are answered INVALID_CREDENTIALS, after the retries.
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@lupa/db';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/src/auth/index.js';
import { createSignInThrottle, SignInError, signInOfficer } from '../../../api/src/officers/session.js';

const PASSWORD = 'correct horse battery staple';

async function attempt(password: string, failure: unknown) {
  const passwordHash = await hashPassword(PASSWORD);
  let transactions = 0;
  const prisma = {
    officer: {
      findUnique: async () => ({
        id: 'officer-1',
        passwordHash,
        disabledAt: null,
        roles: ['OFFICER'],
        organisationId: null,
      }),
    },
    $transaction: async () => {
      transactions++;
      throw failure;
    },
  } as unknown as PrismaClient;
  const answer = await signInOfficer({
    prisma,
    hub: {} as never,
    now: new Date(),
    requestId: 'request-1',
    email: 'officer@lumilaakso.example.invalid',
    password,
    clientAddress: '203.0.113.9',
    throttle: createSignInThrottle({ blindIndexKey: randomBytes(32) }),
  }).catch((error: unknown) => error);
  return { answer, transactions };
}

const deadlock = Object.assign(new Error('deadlock detected'), {
  meta: { driverAdapterError: { cause: { originalCode: '40P01' } } },
});

describe('a sign-in whose transaction cannot commit', () => {
  it('retries a deadlock, then answers a right and a wrong password alike', async () => {
    const right = await attempt(PASSWORD, deadlock);
    const wrong = await attempt('wrong-password-here', deadlock);
    expect(right.transactions).toBe(3);
    expect(wrong.transactions).toBe(3);
    for (const { answer } of [right, wrong]) {
      expect(answer).toBeInstanceOf(SignInError);
      expect((answer as SignInError).code).toBe('INVALID_CREDENTIALS');
    }
    expect((right.answer as Error).message).toBe((wrong.answer as Error).message);
  });

  it('answers a transaction timeout alike too, without retrying it', async () => {
    const timeout = Object.assign(new Error('Transaction already closed'), { code: 'P2028' });
    const right = await attempt(PASSWORD, timeout);
    expect(right.transactions).toBe(1);
    expect((right.answer as SignInError).code).toBe('INVALID_CREDENTIALS');
  });

  it('lets any other fault surface as itself', async () => {
    const fault = new Error('disk on fire');
    expect((await attempt(PASSWORD, fault)).answer).toBe(fault);
  });
});
