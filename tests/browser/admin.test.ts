// The officers' admin UI at /admin/ in real Chromium against a real API process: sign in;
// draft a purpose, submit it, and publish it as a second officer (the first is refused);
// look a resident up with a reason and find that lookup in the audit explorer; export the
// audit CSV and read it; verify the chain. Every view is checked with axe-core (WCAG 2.1
// A/AA) and kept as a screenshot in tests/artifacts/; no CSP violation anywhere.
import { readFileSync } from 'node:fs';
import { seededUuid } from '@lupa/db/seed';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedApi } from '../fixtures/process.js';
import { type AdminStack, expectAccessible, settled, signIn, signOut, startAdminStack } from './admin-support.js';

const OFFICER = 'tietosuoja@lumilaakso.example.invalid';
const SECOND_OFFICER = 'tietosuoja2@lumilaakso.example.invalid';
const REASON = 'Case LUPA-2027-041: checking consents after a complaint';

describe('admin UI in Chromium', () => {
  let stack: AdminStack;
  let api: StartedApi;
  let browser: Browser;
  let password: string;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    stack = await startAdminStack('admin-browser');
    ({ api, browser, password } = stack);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  async function newPage(locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, locale, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  }

  async function openView(page: Page, hash: string, heading: string): Promise<void> {
    await page.click(`nav.side-nav a[href="${hash}"]`);
    await page.waitForFunction((text) => document.querySelector('main h1')?.textContent?.includes(text), heading);
    await settled(page);
  }

  it('signs in and passes axe in every view, in Finnish, Swedish and English', async () => {
    for (const [lang, title] of [
      ['fi', 'Kirjaudu Lupa-ylläpitoon'],
      ['sv', 'Logga in på Lupa administration'],
      ['en', 'Sign in to Lupa admin'],
    ] as const) {
      const page = await newPage();
      await page.goto(`${api.baseUrl}/admin/`);
      await page.selectOption('#language', lang);
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(title);
      await expectAccessible(page, `${lang}-sign-in`);
    }

    const page = await newPage();
    await signIn(page, api.baseUrl, OFFICER, password);
    const views = [
      ['#/dashboard', 'Dashboard', 'dashboard'],
      ['#/purposes', 'Purposes', 'purposes'],
      ['#/organisations', 'Organisations and services', 'organisations'],
      ['#/audit', 'Audit log', 'audit'],
      ['#/residents', 'Resident lookup', 'resident-lookup'],
      ['#/records', 'Records of processing', 'records-of-processing'],
    ] as const;
    for (const [hash, heading, name] of views) {
      await openView(page, hash, heading);
      await expectAccessible(page, `en-${name}`);
    }
    // The chosen language is remembered across a reload (tokens are not: memory only).
    await page.selectOption('#language', 'sv');
    await page.reload();
    await page.waitForSelector('#email');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await page.fill('#email', OFFICER);
    await page.fill('#password', password);
    await page.click('form button[type="submit"]');
    await openView(page, '#/dashboard', 'Översikt');
    await page.waitForSelector('#consents-heading');
    await expectAccessible(page, 'sv-dashboard');
    await page.selectOption('#language', 'fi');
    await openView(page, '#/purposes', 'Käyttötarkoitukset');
    await expectAccessible(page, 'fi-purposes');
  });

  it('drafts a purpose, refuses its author’s approval, and publishes it as a second officer', async () => {
    const page = await newPage();
    await signIn(page, api.baseUrl, OFFICER, password);
    await openView(page, '#/purposes', 'Purposes');
    await page.click('a[href="#/purposes/new"]');
    await page.waitForSelector('#slug');
    await settled(page);
    await page.fill('#slug', 'spring-concert-reminders');
    await page.selectOption('#controller', { index: 1 });
    await page.selectOption('#legal-basis', 'PUBLIC_TASK');
    await page.fill('#retention', '400');
    await page.selectOption('#level-contact', 'FULL');
    await page.selectOption('#level-special\\.accessibility', 'MASKED');
    for (const [lang, title, description] of [
      ['fi', 'Kevätkonserttien muistutukset', 'Muistutamme saksofonikurssilaisia kevään jazzkonserteista.'],
      ['sv', 'Påminnelser om vårkonserter', 'Vi påminner saxofonkursens deltagare om vårens jazzkonserter.'],
      ['en', 'Spring concert reminders', 'We remind saxophone course participants of the spring jazz concerts.'],
    ]) {
      await page.fill(`#title-${lang}`, title as string);
      await page.fill(`#description-${lang}`, description as string);
    }
    // The linter finds an error: a special category without a special-category basis.
    await expect.poll(() => page.textContent('.lint'), { timeout: 10_000 }).toMatch(/special/i);
    await expectAccessible(page, 'en-purpose-draft-editor');
    // An error would block submitting: the basis is chosen, and the finding goes away.
    await page.selectOption('#special-basis', 'SUBSTANTIAL_PUBLIC_INTEREST');
    await expect.poll(() => page.textContent('.lint'), { timeout: 10_000 }).not.toMatch(/Art\. 9/);

    await page.click('form.purpose-editor button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('main h1')?.textContent?.includes('spring-concert-reminders'),
    );
    await settled(page);
    await page.click('button:has-text("Submit for approval")');
    await page.waitForSelector('.badge.status-PENDING_APPROVAL');
    // Four eyes: the author may not approve their own version.
    await page.click('button:has-text("Approve and publish")');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toContain('second officer');
    await expectAccessible(page, 'en-purpose-pending', { allowErrors: true });
    await signOut(page);

    await signIn(page, api.baseUrl, SECOND_OFFICER, password);
    await page.goto(`${api.baseUrl}/admin/#/purposes/spring-concert-reminders`);
    await page.waitForSelector('.badge.status-PENDING_APPROVAL');
    await page.click('button:has-text("Approve and publish")');
    await page.waitForSelector('.badge.status-PUBLISHED');
    await expectAccessible(page, 'en-purpose-published');
    await openView(page, '#/purposes', 'Purposes');
    expect(await page.textContent('table')).toContain('Spring concert reminders');
  });

  it('looks a resident up with a reason, finds the lookup in the audit log, exports it and verifies the chain', async () => {
    const page = await newPage();
    await signIn(page, api.baseUrl, OFFICER, password);
    await openView(page, '#/residents', 'Resident lookup');
    const residentId = Buffer.from(`Resident:${seededUuid('resident', 3)}`).toString('base64');
    await page.fill('#lookup-id', residentId);
    await page.fill('#lookup-reason', REASON);
    await page.click('.lookup-form button[type="submit"]');
    await page.waitForSelector('#resident-heading');
    expect(await page.textContent('.resident-id')).toBe(residentId);
    await expectAccessible(page, 'en-resident-found');

    await page.click(`a[href^="#/audit?resident="]`);
    await page.waitForSelector('.audit-table');
    await settled(page);
    expect(await page.inputValue('#f-resident')).toBe(residentId);
    // The lookup itself, by an official, with the stated reason.
    const row = page.locator('.audit-table tbody tr', { hasText: REASON }).first();
    expect(await row.textContent()).toContain('Official');
    await expectAccessible(page, 'en-audit-resident');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export CSV")')]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.split(';').slice(0, 3)).toEqual(['seq', 'occurredAt', 'actorKind']);
    expect(lines.some((line) => line.includes(REASON) && line.includes('OFFICER'))).toBe(true);
    await page.waitForSelector('.export .state.ok');

    await page.click('button:has-text("Verify the audit chain")');
    await page.waitForSelector('.verify-result');
    expect(await page.textContent('.verify-result')).toMatch(/The chain is intact: \d+ records? checked/);
    await expectAccessible(page, 'en-audit-verified');
  });

  it('raised no Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
