// The CSRF token check, the Fetch-Metadata check, cookie flags and the token-bucket limiter.
import { describe, expect, it } from 'vitest';
import { cookiesNeedSecure, serializeCookie } from '../../../api/src/consent-page/cookies.js';
import { csrfTokenFor, isCrossSiteRequest, isValidCsrfToken } from '../../../api/src/consent-page/csrf.js';
import { TokenBucketLimiter } from '../../../api/src/consent-page/rate-limit.js';

describe('CSRF tokens', () => {
  it('accepts the token of the same binding secret only', () => {
    const token = csrfTokenFor('session-a');
    expect(isValidCsrfToken('session-a', token)).toBe(true);
    expect(isValidCsrfToken('session-b', token)).toBe(false);
    expect(isValidCsrfToken('session-a', `${token}x`)).toBe(false);
    expect(isValidCsrfToken('session-a', '')).toBe(false);
    expect(isValidCsrfToken('session-a', null)).toBe(false);
    expect(isValidCsrfToken(undefined, token)).toBe(false);
  });

  it('treats cross-site and same-site Fetch Metadata as foreign, same-origin and none as ours', () => {
    const request = (site?: string) =>
      new Request('http://localhost/x', { method: 'POST', headers: site ? { 'sec-fetch-site': site } : {} });
    expect(isCrossSiteRequest(request('cross-site'))).toBe(true);
    expect(isCrossSiteRequest(request('same-site'))).toBe(true);
    expect(isCrossSiteRequest(request('same-origin'))).toBe(false);
    expect(isCrossSiteRequest(request('none'))).toBe(false);
    expect(isCrossSiteRequest(request())).toBe(false);
  });
});

describe('cookies', () => {
  it('are Secure except on a plain-http localhost', () => {
    expect(cookiesNeedSecure('https://lupa.lumilaakso.fi')).toBe(true);
    expect(cookiesNeedSecure('http://lupa.example.invalid')).toBe(true);
    expect(cookiesNeedSecure('http://localhost:4000')).toBe(false);
    expect(cookiesNeedSecure('http://127.0.0.1:4000')).toBe(false);
    expect(serializeCookie('a', 'b', { secure: true })).toBe('a=b; Path=/; HttpOnly; SameSite=Strict; Secure');
  });
});

describe('token buckets', () => {
  it('allows the capacity, refuses after, refills with time, and keeps keys apart', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 1 / 10, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 9_000;
    expect(limiter.take('a')).toBe(false);
    // 0.9 tokens plus 1.1 more: two whole tokens, never more than the capacity.
    now += 11_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0, now: () => 0, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // 'a' was forgotten, so it starts with a full bucket again; 'c' is still empty.
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('c')).toBe(false);
  });
});
