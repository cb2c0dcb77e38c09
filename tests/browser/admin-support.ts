// Helpers for the admin UI in real Chromium: start the API and a browser, build the UI, sign
// in as a demo officer, check a view with axe-core and keep its screenshot.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestDatabase, usingPostgres } from '../fixtures/database.js';
import { repoRoot, type StartedApi, startApi } from '../fixtures/process.js';
import { ARTIFACTS, axeViolations, launchChromium } from './support.js';

export interface AdminStack {
  api: StartedApi;
  browser: Browser;
  /** The demo officers' password (development prints and saves it). */
  password: string;
  /** Stops the browser and the API and removes the data (close contexts first). */
  close(): Promise<void>;
}

/**
 * What every admin UI test starts from: the UI built fresh, a development API process with the
 * demo officers on a new data directory (and a new PostgreSQL database when DATABASE_URL is
 * set), and Chromium.
 */
export async function startAdminStack(name: string): Promise<AdminStack> {
  buildAdminUi();
  const dataDir = mkdtempSync(join(tmpdir(), `lupa-${name}-`));
  const database = usingPostgres ? await createTestDatabase({ migrate: 'api' }) : undefined;
  let api: StartedApi | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await api?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    api = await startApi({
      NODE_ENV: 'development',
      LUPA_DATA_DIR: dataDir,
      LUPA_SEED_RESIDENTS: '12',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    const password = demoPassword(dataDir);
    browser = await launchChromium();
    return { api, browser, password, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Builds desktop/dist/renderer fresh, so the test sees the code under test (about 2 s). */
export function buildAdminUi(): void {
  const result = spawnSync(process.execPath, [resolve(repoRoot, 'desktop/scripts/build-admin.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`admin UI build failed:\n${result.stdout}\n${result.stderr}`);
}

export function demoPassword(dataDir: string): string {
  return readFileSync(join(dataDir, 'demo-officer-password.txt'), 'utf8').trim();
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form button[type="submit"]');
  await page.waitForSelector('nav.side-nav');
}

export async function signOut(page: Page): Promise<void> {
  await page.click('.top-bar button:not(.skip-link)');
  await page.waitForSelector('#email');
}

/** Waits until no loading state is left in the view. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state.loading').length === 0);
}

export async function expectAccessible(
  page: Page,
  name: string,
  options: { allowErrors?: boolean } = {},
): Promise<void> {
  await settled(page);
  if (!options.allowErrors) {
    const errors = await page.locator('.state.error').allTextContents();
    expect(errors, `${name} shows an error state`).toEqual([]);
  }
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `admin-${name}.png`), fullPage: true });
}
