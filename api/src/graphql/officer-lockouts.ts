// Officer lockouts for the admin UI: a small read over the `officer.locked` audit events.
// Admin-only (officer:read); the listing is itself audited (officers/list-lockouts.ts).
import { z } from 'zod';
import { LOCKOUTS_MAX, listOfficerLockouts, type OfficerLockout } from '../officers/list-lockouts.js';
import { builder } from './builder.js';
import { OfficerRef } from './officer.js';
import { writeOptions } from './write-options.js';

const OfficerLockoutRef = builder.objectRef<OfficerLockout>('OfficerLockout').implement({
  description:
    'Sign-in for one officer’s e-mail address was locked for one client after repeated failures. Other clients were never locked.',
  fields: (t) => ({
    officer: t.field({ type: OfficerRef, resolve: (l) => l.officer }),
    lockedAt: t.expose('lockedAt', { type: 'DateTime' }),
    lockedUntil: t.expose('lockedUntil', { type: 'DateTime' }),
    clientAddress: t.exposeString('clientAddress', {
      nullable: true,
      description: 'The client address that was locked (as sign-in throttling saw it).',
    }),
    active: t.exposeBoolean('active', { description: 'Still locked now.' }),
  }),
});

builder.queryField('officerLockouts', (t) =>
  t.field({
    type: [OfficerLockoutRef],
    description: `Officer sign-in lockouts, newest first: those that began at or after \`since\` (default: the last 24 hours), at most \`first\` (default 50, at most ${LOCKOUTS_MAX}). Reading them is audited.`,
    authScopes: { scope: 'officer:read' },
    args: {
      since: t.arg({ type: 'DateTime', required: false }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(LOCKOUTS_MAX) }),
    },
    resolve: (_root, args, ctx) =>
      listOfficerLockouts({ ...writeOptions(ctx), since: args.since ?? null, first: args.first ?? 50 }),
  }),
);
