// The language switch's `next` over the real handler: hostile values are refused with 400
// (no Location, no language cookie: nothing changes), harmless ones stay on this origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_COOKIE } from '../../../api/src/consent-page/cookies.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';
import { HOSTILE_NEXT } from '../../fixtures/hostile-redirects.js';

describe('language switch redirects', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ residents: 2 });
  });
  afterAll(() => t.close());

  it.each(HOSTILE_NEXT)('$name', async ({ raw, expected }) => {
    const response = await t.app.fetch(new Request(`${BASE_URL}/language?lang=sv&next=${raw}`));
    const languageCookies = response.headers.getSetCookie().filter((c) => c.startsWith(`${LANGUAGE_COOKIE}=`));
    if (expected === 400) {
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(languageCookies).toEqual([]);
      // The page says what happened, in the visitor's language (Finnish by default).
      expect(await response.text()).toContain('Linkki osoittaa tämän palvelun ulkopuolelle');
    } else {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(expected);
      expect(new URL(response.headers.get('location') ?? '', BASE_URL).origin).toBe(BASE_URL);
      expect(languageCookies).toHaveLength(1);
    }
  });
});
