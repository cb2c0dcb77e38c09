// Real-Chromium helpers for the resident page: launch, axe-core checks and screenshots.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { generateResident } from '../../prisma/src/seed/residents.js';
import { repoRoot } from '../fixtures/process.js';

export const ARTIFACTS = resolve(repoRoot, 'tests/artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The e-mail addresses the seed gives its first `count` residents (those that have one). */
export function seededEmails(count: number): string[] {
  const keys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = generateResident(i, keys, new Date()).resident.email;
    if (email) emails.push(email);
  }
  return emails;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) in the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>, so the page's strict
  // CSP stays in force during the check.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `resident-page-${name}.png`), fullPage: true });
}

/** The last magic link the API wrote to its log (development mode), if any. */
export function latestMagicLink(apiOutput: string): string | undefined {
  const links = [...apiOutput.matchAll(/(http:\/\/\S+\/auth\/magic\?token=[A-Za-z0-9_-]+)/g)];
  return links.at(-1)?.[1];
}
