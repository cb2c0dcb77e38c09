// Accountability in the admin UI, in real Chromium against a real API process: after an
// admin creates an officer, sets roles and registers a service and a second privacy officer
// approves a purpose version (all through the API), the audit explorer filters by event
// kind and by actor and shows each event with its kind and actor; it finds a resident's
// trail by identity code (looked up with a reason, which is itself in the trail) and says
// plainly when a code is malformed or matches nobody. The dashboard lists the latest
// administration actions, and shows admins who was locked out. Views pass axe-core;
// screenshots go to tests/artifacts/ (made here; the folder is not committed).
import { formatPic } from '@lupa/db';
import { seededUuid } from '@lupa/db/seed';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from '../../api/src/officers/demo.js';
import type { StartedApi } from '../fixtures/process.js';
import { officerApi, type SignedInOfficer, seededIdentityCode } from './admin-api.js';
import { type AdminStack, expectAccessible, settled, signIn, startAdminStack } from './admin-support.js';

const ADMIN = 'admin@lumilaakso.example.invalid';
const OFFICER = 'tietosuoja@lumilaakso.example.invalid';
const SECOND_OFFICER = 'tietosuoja2@lumilaakso.example.invalid';
const AUDITOR = 'auditor@lumilaakso.example.invalid';
// The names the explorer shows for them (the demo officers, api/src/officers/demo.ts).
const nameOf = (email: string) => DEMO_OFFICERS.find((o) => o.email === email)?.name ?? email;
const ADMIN_NAME = nameOf(ADMIN);
const APPROVER_NAME = nameOf(SECOND_OFFICER);
const REASON = 'Case LUPA-2027-077: a resident asked who read their data';

describe('admin UI accountability in Chromium', () => {
  let stack: AdminStack;
  let api: StartedApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: SignedInOfficer;
  let approver: SignedInOfficer;
  let password: string;

  beforeAll(async () => {
    stack = await startAdminStack('admin-accountability');
    ({ api, browser, password } = stack);
    const lupa = officerApi(api.baseUrl);
    admin = await lupa.signIn(ADMIN, password);
    const author = await lupa.signIn(OFFICER, password);
    approver = await lupa.signIn(SECOND_OFFICER, password);
    const created = await lupa.createOfficer('ilona.uusi@lumilaakso.example.invalid', admin.token);
    await lupa.setOfficerRoles(created.id, ['AUDITOR'], admin.token);
    await lupa.registerService('kurssikone-accountability', admin.token);
    const versionId = await lupa.submitPurpose('course-enrolments-accountability', author.token);
    await lupa.approvePurposeVersion(versionId, approver.token);
    await lupa.lockOut(AUDITOR);

    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await signIn(page, api.baseUrl, OFFICER, password);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  /** A fresh explorer: through another view, so no filter is left from an earlier test. */
  async function openExplorer(): Promise<void> {
    await page.click('nav.side-nav a[href="#/purposes"]');
    await page.waitForSelector('nav.side-nav a[href="#/purposes"][aria-current="page"]');
    await page.click('nav.side-nav a[href="#/audit"]');
    await page.waitForSelector('#f-kind option[value="officer.roles.set"]', { state: 'attached' });
    await settled(page);
  }

  async function applyFilter(): Promise<void> {
    await page.click('form.filters button[type="submit"]');
    await settled(page);
  }

  /** Each shown row's kind label and actor cell. */
  async function shownRows(): Promise<{ kind: string; actor: string }[]> {
    return page.$$eval('.audit-table tbody tr', (rows) =>
      rows.map((row) => ({
        kind: row.querySelector('.event-kind')?.textContent ?? '',
        actor: row.querySelector('.event-actor')?.textContent ?? '',
      })),
    );
  }

  /**
   * The shown rows once `ready` holds for them. A filter's answer renders a moment after the
   * click, and the loading state may not have appeared yet when `settled` looks, so the
   * previous rows can still be there.
   */
  async function rowsOnce(
    ready: (rows: { kind: string; actor: string }[]) => boolean,
  ): Promise<{ kind: string; actor: string }[]> {
    let rows = await shownRows();
    await expect
      .poll(
        async () => {
          rows = await shownRows();
          return ready(rows);
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    return rows;
  }

  it('filters the explorer by event kind, then by the actor of an event', async () => {
    await openExplorer();
    await page.selectOption('#f-kind', 'officer.roles.set');
    await applyFilter();
    // Only that kind; the admin's change is the newest (the demo history lies in the past).
    const rolesChanged = await rowsOnce((rows) => rows.length > 0 && rows.every((row) => row.kind === 'Roles changed'));
    expect(rolesChanged.every((row) => row.kind === 'Roles changed')).toBe(true);
    // The actor by name (resolved by the API), then the id that narrows to them.
    expect(rolesChanged[0]).toEqual({
      kind: 'Roles changed',
      actor: `Official${ADMIN_NAME}${admin.officerId} Only this actor`,
    });

    // The admin's id in that row is the actor chooser: every administration the admin did.
    await page.click('.audit-table tbody tr:first-child .event-actor button');
    await settled(page);
    expect(await page.inputValue('#f-actor-id')).toBe(admin.officerId);
    await page.selectOption('#f-kind', '');
    await applyFilter();
    const byAdmin = await rowsOnce((rows) =>
      ['Official created', 'Roles changed', 'Service registered'].every((kind) =>
        rows.some((row) => row.kind === kind),
      ),
    );
    expect(byAdmin.map((row) => row.kind)).toEqual(
      expect.arrayContaining(['Official created', 'Roles changed', 'Service registered']),
    );
    expect(byAdmin.every((row) => row.actor === `Official${ADMIN_NAME}${admin.officerId} `)).toBe(true);
    await expectAccessible(page, 'en-audit-by-actor');

    await page.fill('#f-actor-id', '');
    await page.selectOption('#f-kind', 'purpose.approve');
    await applyFilter();
    const approvals = await rowsOnce((rows) => rows[0]?.kind === 'Purpose version approved');
    expect(approvals[0]).toEqual({
      kind: 'Purpose version approved',
      actor: `Official${APPROVER_NAME}${approver.officerId} Only this actor`,
    });
    await expectAccessible(page, 'en-audit-by-kind');

    // The server's first start created the hub keys: the system acted, and has no name.
    await page.selectOption('#f-kind', 'keys.create');
    await applyFilter();
    const created = await rowsOnce((rows) => rows[0]?.kind === 'Hub keys created');
    expect(created).toEqual([{ kind: 'Hub keys created', actor: 'Systemserver:start Only this actor' }]);
  });

  it('finds a resident’s trail by identity code, with the lookup and its reason in it', async () => {
    await openExplorer();
    await page.fill('#f-resident-code', seededIdentityCode(3));
    await page.fill('#f-resident-reason', REASON);
    await applyFilter();
    const residentId = Buffer.from(`Resident:${seededUuid('resident', 3)}`).toString('base64');
    await expect.poll(() => page.inputValue('#f-resident'), { timeout: 15_000 }).toBe(residentId);
    expect(await page.inputValue('#f-resident-code')).toBe('');
    const lookup = page.locator('.audit-table tbody tr', { hasText: REASON }).first();
    expect(await lookup.locator('.event-kind').textContent()).toBe('Resident looked up');
    await expectAccessible(page, 'en-audit-by-identity-code');
  });

  it('says which identity code is malformed and which matches nobody, in the officer’s language', async () => {
    await openExplorer();
    await page.fill('#f-resident-code', '131052-308U');
    await page.fill('#f-resident-reason', REASON);
    await applyFilter();
    expect(await page.textContent('#f-resident-code-problem')).toContain('not a valid personal identity code');
    expect(await page.getAttribute('#f-resident-code', 'aria-invalid')).toBe('true');

    await page.fill('#f-resident-code', formatPic(new Date(Date.UTC(1931, 0, 1)), 2));
    await applyFilter();
    await page.waitForSelector('#f-resident-code-problem');
    expect(await page.textContent('#f-resident-code-problem')).toBe('No resident has this personal identity code.');
    await expectAccessible(page, 'en-audit-code-no-match', { allowErrors: true });

    await page.selectOption('#language', 'fi');
    await page.fill('#f-resident-code', '311352-308T');
    await applyFilter();
    await expect.poll(() => page.textContent('#f-resident-code-problem')).toContain('Henkilötunnus ei ole kelvollinen');
    await page.fill('#f-resident-code', '131052-308T');
    await page.fill('#f-resident-reason', 'lyhyt');
    await applyFilter();
    await expect.poll(() => page.textContent('#f-resident-code-problem')).toContain('vähintään 10 merkkiä');
    await expectAccessible(page, 'fi-audit-code-malformed', { allowErrors: true });
    await page.selectOption('#language', 'en');
  });

  it('lists the latest administration actions on the dashboard, each with kind, actor and time', async () => {
    await page.click('nav.side-nav a[href="#/dashboard"]');
    await page.waitForSelector('.recent-administration tbody tr');
    await settled(page);
    const rows = await page.$$eval('.recent-administration tbody tr', (trs) =>
      trs.map((tr) => ({
        time: tr.querySelector('th')?.textContent ?? '',
        kind: tr.querySelector('.event-kind')?.textContent ?? '',
        actor: tr.querySelector('.event-actor')?.textContent ?? '',
      })),
    );
    const actorOf = (kind: string) => rows.find((row) => row.kind === kind)?.actor;
    expect(actorOf('Purpose version approved')).toBe(`Official ${APPROVER_NAME} ${approver.officerId}`);
    expect(actorOf('Service registered')).toBe(`Official ${ADMIN_NAME} ${admin.officerId}`);
    expect(actorOf('Roles changed')).toBe(`Official ${ADMIN_NAME} ${admin.officerId}`);
    expect(actorOf('Official created')).toBe(`Official ${ADMIN_NAME} ${admin.officerId}`);
    expect(rows.map((row) => row.kind)).toContain('Sign-in locked');
    expect(rows.map((row) => row.kind)).not.toContain('Signed in');
    expect(rows.every((row) => /\d{4}/.test(row.time))).toBe(true);
    // Lockouts are for admins (officer:read): a privacy officer's dashboard leaves them out.
    expect(await page.locator('#lockouts-heading').count()).toBe(0);
    await expectAccessible(page, 'en-dashboard-administration');
  });

  it('shows an admin who was locked out, and leaves out the audit log it may not read', async () => {
    const adminContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    try {
      const adminPage = await adminContext.newPage();
      await signIn(adminPage, api.baseUrl, ADMIN, password);
      await adminPage.click('nav.side-nav a[href="#/dashboard"]');
      await adminPage.waitForSelector('.lockouts tbody tr');
      await settled(adminPage);
      const lockout = adminPage.locator('.lockouts tbody tr', { hasText: AUDITOR });
      expect(await lockout.textContent()).toContain('Olli Tarkastaja');
      expect(await lockout.textContent()).toContain('Still locked');
      // The rest of the dashboard reads the audit log, which an admin may not: left out, no errors.
      for (const heading of ['#administration-heading', '#consents-heading', '#reads-heading', '#notices-heading']) {
        expect(await adminPage.locator(heading).count(), heading).toBe(0);
      }
      await expectAccessible(adminPage, 'en-dashboard-admin-lockouts');
    } finally {
      await adminContext.close();
    }
  });
});
