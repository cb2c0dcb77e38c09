// The resident page in real Chromium against a real API process: sign in by magic link,
// see the purposes, grant and withdraw (with the confirmation), download the receipt, read
// the access history — in Finnish, Swedish and English; the withdrawal by keyboard alone;
// axe-core finds no WCAG 2.1 A/AA violation in any state; no CSP violation either.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../fixtures/database.js';
import { type StartedApi, startApi } from '../fixtures/process.js';
import { axeViolations, latestMagicLink, launchChromium, screenshot, seededEmails } from './support.js';

const LANGS = [
  {
    lang: 'fi',
    purposes: 'Tietojeni käyttö',
    withdrawn: 'Suostumus peruttu',
    stops: 'Mikä loppuu',
    log: 'Kuka on katsonut tietojani',
  },
  {
    lang: 'sv',
    purposes: 'Användningen av mina uppgifter',
    withdrawn: 'har återkallats',
    stops: 'Vad upphör',
    log: 'Vem har sett mina uppgifter',
  },
  {
    lang: 'en',
    purposes: 'How my data is used',
    withdrawn: 'You have withdrawn',
    stops: 'What stops',
    log: 'Who has viewed my data',
  },
] as const;

describe('resident page in Chromium', () => {
  let api: StartedApi;
  let browser: Browser;
  let dataDir: string;
  // On the PostgreSQL run, a throwaway database of its own (the API migrates and seeds it).
  let database: TestDatabase | undefined;
  let emails: string[];
  // The browser uses the public URL's origin (localhost), the one magic links point at, so
  // cookies set before and after sign-in share one jar.
  let origin: string;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-browser-'));
    database = usingPostgres ? await createTestDatabase({ migrate: 'api' }) : undefined;
    api = await startApi({
      NODE_ENV: 'development',
      LUPA_DATA_DIR: dataDir,
      LUPA_SEED_RESIDENTS: '12',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    browser = await launchChromium();
    emails = seededEmails(12);
    origin = api.baseUrl.replace('127.0.0.1', 'localhost');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  }

  async function expectAccessible(page: Page, state: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${state}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    await screenshot(page, state);
  }

  function latestLink(): string {
    const link = latestMagicLink(api.output());
    if (!link) throw new Error('no magic link in the API output');
    return link;
  }

  async function signIn(page: Page, lang: string, email: string): Promise<void> {
    await page.goto(`${origin}/`);
    await page.click(`a[hreflang="${lang}"]`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(lang);
    await expectAccessible(page, `${lang}-sign-in`);
    const before = latestMagicLink(api.output());
    await page.fill('#email', email);
    await page.click('form[action="/auth/magic-link"] button[type="submit"]');
    await page.waitForSelector('[role="status"]');
    await expectAccessible(page, `${lang}-link-sent`);
    const link = latestLink();
    expect(link).not.toBe(before);
    // The link names the public URL (localhost); the context keeps using that origin.
    await page.goto(link);
    await expectAccessible(page, `${lang}-link-opened`);
    await page.click('form[action="/auth/magic"] button[type="submit"]');
    await page.waitForURL(/\/$/);
    await page.waitForSelector('form[action="/auth/sign-out"]');
  }

  for (const [index, text] of LANGS.entries()) {
    it(`signs in, grants, withdraws, downloads the receipt and reads the history (${text.lang})`, async () => {
      const page = await newPage();
      await signIn(page, text.lang, emails[index] as string);
      expect(await page.textContent('h1')).toBe(text.purposes);
      expect(await page.getAttribute('html', 'lang')).toBe(text.lang);
      await expectAccessible(page, `${text.lang}-purposes`);

      // Grant the first purpose not yet given, so there is one to withdraw.
      const grant = page.locator('form[action="/consents/grant"] button').first();
      const slug = await page
        .locator('form[action="/consents/grant"] input[name="purpose"]')
        .first()
        .getAttribute('value');
      await grant.click();
      await page.waitForSelector('[role="status"]');
      await expectAccessible(page, `${text.lang}-granted`);
      await page.click('a[href="/"]:not(.brand a)');

      await page.click(`a[href="/consents/withdraw?purpose=${slug}"]`);
      await page.waitForURL(/\/consents\/withdraw/);
      expect(await page.textContent('main')).toContain(text.stops);
      await expectAccessible(page, `${text.lang}-withdraw-confirmation`);
      await page.click('form[action="/consents/withdraw"] button[type="submit"]');
      await page.waitForSelector('[role="status"]');
      expect(await page.textContent('[role="status"]')).toContain(text.withdrawn);
      await expectAccessible(page, `${text.lang}-withdrawn`);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$=".jws"]')]);
      const receipt = readFileSync(await download.path(), 'utf8');
      expect(receipt.split('.')).toHaveLength(3);
      expect(download.suggestedFilename()).toMatch(/^lupa-consent-receipt-.*\.jws$/);

      await page.click('a[href="/access-log"]');
      await page.waitForSelector('table');
      expect(await page.textContent('h1')).toBe(text.log);
      await expectAccessible(page, `${text.lang}-access-log`);
      await page.fill('#from', '2000-01-01');
      await page.click('form.filters button[type="submit"]');
      await page.waitForURL(/from=2000-01-01/);
      await expectAccessible(page, `${text.lang}-access-log-filtered`);
    }, 120_000);
  }

  it('withdraws with the keyboard alone (Tab and Enter)', async () => {
    const page = await newPage();
    await signIn(page, 'fi', emails[3] as string);
    await page.locator('form[action="/consents/grant"] button').first().click();
    await page.waitForSelector('[role="status"]');
    await page.goto(`${origin}/`);

    async function tabTo(selector: string): Promise<void> {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`never reached ${selector} with Tab`);
    }

    await page.keyboard.press('Tab');
    // The first Tab lands on the skip link.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await tabTo('a[href^="/consents/withdraw"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/consents\/withdraw/);
    await tabTo('form[action="/consents/withdraw"] button[type="submit"]');
    await screenshot(page, 'keyboard-withdraw-focus');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="status"]');
    expect(await page.textContent('[role="status"]')).toContain('Suostumus peruttu');
    await expectAccessible(page, 'keyboard-withdrawn');
  }, 120_000);

  it('raised no Content-Security-Policy violation on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});
