// The redirect target check on its own: every hostile value of the shared table is refused
// or kept on the origin, for a public URL with and without a port.
import { describe, expect, it } from 'vitest';
import { redirectTarget } from '../../../api/src/consent-page/redirect-target.js';
import { HOSTILE_NEXT } from '../../fixtures/hostile-redirects.js';

describe('redirectTarget', () => {
  it.each(HOSTILE_NEXT)('$name', ({ raw, expected }) => {
    const value = raw === '' ? null : (new URLSearchParams(`next=${raw}`).get('next') ?? null);
    const result = redirectTarget(value, 'http://localhost:4000');
    expect(result).toEqual(expected === 400 ? { ok: false } : { ok: true, location: expected });
  });

  it('compares whole origins: another port or scheme of the same host is elsewhere', () => {
    expect(redirectTarget('https://lupa.example.fi/access-log', 'https://lupa.example.fi')).toEqual({
      ok: true,
      location: '/access-log',
    });
    expect(redirectTarget('https://lupa.example.fi:8443/', 'https://lupa.example.fi')).toEqual({ ok: false });
    expect(redirectTarget('http://lupa.example.fi/', 'https://lupa.example.fi')).toEqual({ ok: false });
  });
});
