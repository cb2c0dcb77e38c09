// Demo officers for a development installation: one per role plus a second privacy
// officer, so the four-eyes approval can be tried. The password is random per
// installation, kept in the data directory (0600) and printed at start-up in development
// only; production installations create officers with `pnpm officer:create`.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrismaClient } from '@lupa/db';
import { hashPassword, type OfficerRole } from '../auth/index.js';

export const DEMO_OFFICERS: { email: string; name: string; roles: OfficerRole[] }[] = [
  { email: 'admin@lumilaakso.example.invalid', name: 'Aino Ylläpitäjä', roles: ['ADMIN'] },
  { email: 'tietosuoja@lumilaakso.example.invalid', name: 'Tuomas Tietosuoja', roles: ['OFFICER'] },
  { email: 'tietosuoja2@lumilaakso.example.invalid', name: 'Saara Suojelija', roles: ['OFFICER'] },
  { email: 'auditor@lumilaakso.example.invalid', name: 'Olli Tarkastaja', roles: ['AUDITOR'] },
];

function demoPassword(dataDir: string): string {
  const file = join(dataDir, 'demo-officer-password.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = `lupa-demo-${randomBytes(9).toString('base64url')}`;
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Creates the demo officers if no officer exists yet; returns the shared demo password. */
export async function ensureDemoOfficers(prisma: PrismaClient, dataDir: string): Promise<string> {
  const password = demoPassword(dataDir);
  if ((await prisma.officer.count()) > 0) return password;
  const passwordHash = await hashPassword(password);
  await prisma.officer.createMany({
    data: DEMO_OFFICERS.map((o) => ({ ...o, passwordHash })),
    skipDuplicates: true,
  });
  return password;
}
