import { z } from 'zod';
import { hashPassword, OFFICER_ROLES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/index.js';
import { acceptOfficerInvitation } from '../officers/accept-invitation.js';
import { confirmOfficerRoles } from '../officers/confirm-officer-roles.js';
import { createOfficer } from '../officers/create-officer.js';
import { disableOfficer } from '../officers/disable-officer.js';
import { refreshOfficerSession, SignInError, signInOfficer, signOutOfficer } from '../officers/session.js';
import { setOfficerRoles } from '../officers/set-officer-roles.js';
import { builder } from './builder.js';
import { MUTATION_ERRORS } from './errors.js';
import { decodeId } from './ids.js';
import { writeOptions } from './write-options.js';

export const OfficerRoleEnum = builder.enumType('OfficerRole', { values: OFFICER_ROLES });

const ZEmailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
const ZPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const OfficerRef = builder.prismaNode('Officer', {
  id: { field: 'id' },
  // An officer may always see their own account; others need officer:read.
  authScopes: (officer, ctx) =>
    ctx.principal.kind === 'officer' && ctx.principal.officerId === officer.id ? true : { scope: 'officer:read' },
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    roles: t.exposeStringList('roles'),
    pendingRoles: t.exposeStringList('pendingRoles', {
      description: 'Roles proposed by one ADMIN, waiting for a second one to confirm.',
    }),
    organisation: t.relation('organisation', { nullable: true }),
    disabled: t.boolean({ resolve: (o) => o.disabledAt !== null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  officers: t.prismaConnection({
    type: 'Officer',
    cursor: 'id',
    authScopes: { scope: 'officer:read' },
    resolve: (query, _root, _args, ctx) => ctx.prisma.officer.findMany({ ...query, orderBy: { email: 'asc' } }),
  }),
  me: t.prismaField({
    type: 'Officer',
    description: 'The signed-in officer.',
    authScopes: { officer: true },
    resolve: (query, _root, _args, ctx) => {
      if (ctx.principal.kind !== 'officer') throw new Error('officer scope checked before resolving');
      return ctx.prisma.officer.findUniqueOrThrow({ ...query, where: { id: ctx.principal.officerId } });
    },
  }),
}));

class SignInFailedError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

builder.objectType(SignInFailedError, {
  name: 'SignInFailed',
  description: 'Sign-in or refresh was refused. The reason never says whether an account exists.',
  fields: (t) => ({ message: t.exposeString('message'), reason: t.exposeString('reason') }),
});

const OfficerSession = builder
  .objectRef<{ accessToken: string; expiresIn: number; refreshToken: string }>('OfficerSession')
  .implement({
    fields: (t) => ({
      accessToken: t.exposeString('accessToken'),
      expiresIn: t.exposeInt('expiresIn', { description: 'Seconds until the access token expires.' }),
      refreshToken: t.exposeString('refreshToken', { description: 'Single use: each refresh returns a new one.' }),
    }),
  });

function asSignInFailure(error: unknown): never {
  if (error instanceof SignInError) throw new SignInFailedError(error.message, error.code);
  throw error;
}

builder.mutationFields((t) => ({
  signInOfficer: t.field({
    type: OfficerSession,
    authScopes: { public: true },
    skipTypeScopes: true,
    errors: { types: [SignInFailedError] },
    args: {
      email: t.arg.string({ validate: z.string().max(254) }),
      password: t.arg.string({ validate: z.string().max(PASSWORD_MAX_LENGTH) }),
    },
    resolve: (_root, args, ctx) =>
      signInOfficer({
        prisma: ctx.prisma,
        hub: ctx.hub,
        now: ctx.now,
        requestId: ctx.requestId,
        email: args.email,
        password: args.password,
        clientAddress: ctx.clientAddress,
        throttle: ctx.signInThrottle,
      }).catch(asSignInFailure),
  }),
  refreshOfficerSession: t.field({
    type: OfficerSession,
    authScopes: { public: true },
    skipTypeScopes: true,
    errors: { types: [SignInFailedError] },
    args: { refreshToken: t.arg.string({ validate: z.string().max(200) }) },
    resolve: (_root, args, ctx) =>
      refreshOfficerSession({ prisma: ctx.prisma, hub: ctx.hub, now: ctx.now }, args.refreshToken).catch(
        asSignInFailure,
      ),
  }),
  signOutOfficer: t.boolean({
    description: 'Ends this session: its access and refresh tokens stop working at once.',
    authScopes: { officer: true },
    resolve: async (_root, _args, ctx) => {
      if (ctx.principal.kind !== 'officer') return false;
      await signOutOfficer(ctx, ctx.principal.sessionId);
      return true;
    },
  }),
}));

const CreateOfficerInput = builder.inputType('CreateOfficerInput', {
  fields: (t) => ({
    email: t.string({ validate: ZEmailSchema }),
    name: t.string({ validate: z.string().trim().min(2).max(200) }),
    roles: t.field({
      type: [OfficerRoleEnum],
      description:
        'Roles that can approve or manage officers (OFFICER, ADMIN) wait for a second ADMIN: see confirmOfficerRoles.',
      validate: z.array(z.string()).min(1).max(3),
    }),
    organisationId: t.id({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  createOfficer: t.prismaField({
    type: 'Officer',
    description:
      'Creates an account and mails the officer a one-time invitation link to set their own password (printed in development). Nobody else ever chooses it.',
    authScopes: { scope: 'officer:write' },
    errors: { types: MUTATION_ERRORS },
    args: { input: t.arg({ type: CreateOfficerInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const organisationId = input.organisationId
        ? decodeId(input.organisationId, 'Organisation', 'input.organisationId')
        : null;
      const { officerId } = await createOfficer({
        ...writeOptions(ctx),
        email: input.email,
        name: input.name,
        roles: input.roles,
        organisationId,
        publicUrl: ctx.config.publicUrl,
        onInvitationLink: (link) => {
          // Development only: there is no mail sender there. Never in production logs.
          if (ctx.config.env === 'development') ctx.log.info(`Officer invitation link (development only): ${link}`);
        },
      });
      return ctx.prisma.officer.findUniqueOrThrow({ ...query, where: { id: officerId } });
    },
  }),
  setOfficerRoles: t.prismaField({
    type: 'Officer',
    description:
      'Takes effect on the officer’s next request. Nobody changes their own roles; adding a role that can approve or manage officers (OFFICER, ADMIN) is only proposed (pendingRoles) until a second ADMIN calls confirmOfficerRoles.',
    authScopes: { scope: 'officer:write' },
    errors: { types: MUTATION_ERRORS },
    args: {
      officerId: t.arg.id(),
      roles: t.arg({ type: [OfficerRoleEnum], validate: z.array(z.string()).min(1).max(3) }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.officerId, 'Officer', 'officerId');
      await setOfficerRoles({ ...writeOptions(ctx), officerId: id, roles: args.roles });
      return ctx.prisma.officer.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  confirmOfficerRoles: t.prismaField({
    type: 'Officer',
    description:
      'A second ADMIN confirms roles another ADMIN proposed (neither the proposer nor the officer concerned).',
    authScopes: { scope: 'officer:write' },
    errors: { types: MUTATION_ERRORS },
    args: { officerId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.officerId, 'Officer', 'officerId');
      await confirmOfficerRoles({ ...writeOptions(ctx), officerId: id });
      return ctx.prisma.officer.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  disableOfficer: t.prismaField({
    type: 'Officer',
    authScopes: { scope: 'officer:write' },
    errors: { types: MUTATION_ERRORS },
    args: { officerId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.officerId, 'Officer', 'officerId');
      await disableOfficer({ ...writeOptions(ctx), officerId: id });
      return ctx.prisma.officer.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  acceptOfficerInvitation: t.boolean({
    description: 'Sets the invited officer’s own password with the one-time link’s token; then sign in.',
    authScopes: { public: true },
    skipTypeScopes: true,
    errors: { types: MUTATION_ERRORS },
    args: {
      token: t.arg.string({ validate: z.string().max(200) }),
      password: t.arg.string({ validate: ZPasswordSchema }),
    },
    resolve: async (_root, args, ctx) => {
      await acceptOfficerInvitation({
        prisma: ctx.prisma,
        requestId: ctx.requestId,
        now: ctx.now,
        token: args.token,
        passwordHash: await hashPassword(args.password),
      });
      return true;
    },
  }),
}));
