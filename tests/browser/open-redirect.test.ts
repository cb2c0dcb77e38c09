// The hostile `next` table in real Chromium: whatever the browser makes of each value (it
// drops TABs and newlines, reads `\` as `/`), it never requests or lands on another origin.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/src/http/server.js';
import { createTestApp, type TestApp } from '../fixtures/app.js';
import { HOSTILE_NEXT } from '../fixtures/hostile-redirects.js';
import { launchChromium } from './support.js';

describe('language switch in Chromium', () => {
  let t: TestApp;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ residents: 2 });
    server = await listen(t.app, 0, '127.0.0.1');
    browser = await launchChromium();
    context = await browser.newContext();
    // Every request the browser makes; anything off our origin is recorded and never sent.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === server.url) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('follows none of the hostile values off the origin', async () => {
    const page = await context.newPage();
    for (const { name, raw, expected } of HOSTILE_NEXT) {
      const response = await page.goto(`${server.url}/language?lang=en&next=${raw}`);
      expect(new URL(page.url()).origin, name).toBe(server.url);
      // A refusal is a page of ours; anything else was a redirect within the site (pages
      // behind sign-in then send the signed-out browser on to `/`, still here).
      const chain: string[] = [];
      for (let request = response?.request() ?? null; request; request = request.redirectedFrom()) {
        chain.unshift(request.url());
      }
      for (const url of chain) expect(new URL(url).origin, name).toBe(server.url);
      if (expected === 400) expect([response?.status(), chain.length], name).toEqual([400, 1]);
      else expect(chain.length, name).toBeGreaterThan(1);
    }
    expect(elsewhere).toEqual([]);
  });
});
