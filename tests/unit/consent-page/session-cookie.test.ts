// The resident session cookie as the browser receives it: HttpOnly, SameSite=Strict, Secure
// whenever the page is served over HTTPS, and a Max-Age equal to the server-side lifetime,
// so the browser drops it when the server stops honouring it. Signing out overwrites it
// with an empty, already expired cookie carrying the same flags.
import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  RESIDENT_SESSION_SECONDS,
  sessionCookie,
} from '../../../api/src/consent-page/session.js';

describe('resident session cookie', () => {
  it('lives exactly as long as the server-side session, with every protective flag', () => {
    expect(RESIDENT_SESSION_SECONDS).toBe(4 * 60 * 60);
    expect(sessionCookie('tok', true)).toBe(
      'lupa_session=tok; Path=/; Max-Age=14400; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('leaves out Secure only where the page is served over plain http (localhost)', () => {
    expect(sessionCookie('tok', false)).toBe('lupa_session=tok; Path=/; Max-Age=14400; HttpOnly; SameSite=Strict');
  });

  it('is cleared on sign-out with an empty value that has already expired', () => {
    expect(clearedSessionCookie(true)).toBe('lupa_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure');
    expect(clearedSessionCookie(false)).toBe('lupa_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
  });
});
