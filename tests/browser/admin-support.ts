// Helpers for the admin UI in real Chromium: build the UI, sign in as a demo officer,
// check a view with axe-core and keep its screenshot.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from '../fixtures/process.js';
import { ARTIFACTS, axeViolations } from './support.js';

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
