import { z } from 'zod';
import { addServiceKey, revokeServiceKey, setServiceStatus, setServiceWebhook } from '../services/change-service.js';
import { registerService } from '../services/register-service.js';
import { validateWebhookUrl, webhookUrlPolicy } from '../webhooks/validate-webhook-url.js';
import { builder } from './builder.js';
import { MUTATION_ERRORS } from './errors.js';
import { decodeId } from './ids.js';
import { validatePublicJwk } from './service-keys.js';
import { writeOptions } from './write-options.js';

const ServiceStatus = builder.enumType('ServiceStatus', { values: ['ACTIVE', 'DISABLED'] as const });

const ZClientIdSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens');

/** Webhook receivers must use TLS, except on the local machine where developers test. */
export const ZWebhookUrlSchema = z
  .url()
  .max(2000)
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  }, 'must be an https:// address (http:// is allowed only for localhost)');

const ServiceKeyRef = builder.prismaObject('ServiceKey', {
  fields: (t) => ({
    kid: t.exposeString('kid'),
    publicJwk: t.string({ resolve: (k) => JSON.stringify(k.publicJwk) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

export const ServiceRef = builder.prismaNode('Service', {
  id: { field: 'id' },
  // Officers with service:read see the registry; a service sees only itself.
  authScopes: (service, ctx) =>
    ctx.principal.kind === 'service' ? ctx.principal.serviceId === service.id : { scope: 'service:read' },
  fields: (t) => ({
    clientId: t.exposeString('clientId'),
    name: t.exposeString('name'),
    status: t.expose('status', { type: ServiceStatus }),
    webhookUrl: t.exposeString('webhookUrl', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    organisation: t.relation('organisation'),
    keys: t.relation('keys', { type: ServiceKeyRef, query: { orderBy: { createdAt: 'asc' } } }),
  }),
});

builder.queryField('services', (t) =>
  t.prismaConnection({
    type: 'Service',
    cursor: 'id',
    authScopes: { scope: 'service:read' },
    resolve: (query, _root, _args, ctx) => ctx.prisma.service.findMany({ ...query, orderBy: { clientId: 'asc' } }),
  }),
);

const RegisterServiceInput = builder.inputType('RegisterServiceInput', {
  fields: (t) => ({
    organisationId: t.id(),
    clientId: t.string({ validate: ZClientIdSchema }),
    name: t.string({ validate: z.string().trim().min(2).max(200) }),
    webhookUrl: t.string({ required: false, validate: ZWebhookUrlSchema }),
    publicJwk: t.string({ required: false, description: 'The first public JWK, as JSON.' }),
  }),
});

function parseJwkJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

builder.mutationField('registerService', (t) =>
  t.prismaField({
    type: 'Service',
    authScopes: { scope: 'service:write' },
    errors: { types: MUTATION_ERRORS },
    args: { input: t.arg({ type: RegisterServiceInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const organisationId = decodeId(input.organisationId, 'Organisation', 'input.organisationId');
      const key = input.publicJwk
        ? await validatePublicJwk(parseJwkJson(input.publicJwk), 'input.publicJwk')
        : undefined;
      if (input.webhookUrl) {
        await validateWebhookUrl(input.webhookUrl, webhookUrlPolicy(ctx.config), 'input.webhookUrl');
      }
      const { serviceId } = await registerService({
        ...writeOptions(ctx),
        organisationId,
        clientId: input.clientId,
        name: input.name,
        webhookUrl: input.webhookUrl ?? null,
        key: key ? { kid: key.kid, jwk: key.jwk } : undefined,
      });
      return ctx.prisma.service.findUniqueOrThrow({ ...query, where: { id: serviceId } });
    },
  }),
);

function serviceId(globalId: string): string {
  return decodeId(globalId, 'Service', 'serviceId');
}

builder.mutationField('addServiceKey', (t) =>
  t.prismaField({
    type: 'Service',
    description: 'Publishes a new public key for a service. Rotate by adding the new key, then revoking the old one.',
    authScopes: { scope: 'service:write' },
    errors: { types: MUTATION_ERRORS },
    args: { serviceId: t.arg.id(), publicJwk: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const id = serviceId(args.serviceId);
      const key = await validatePublicJwk(parseJwkJson(args.publicJwk));
      await addServiceKey({ ...writeOptions(ctx), serviceId: id, key: { kid: key.kid, jwk: key.jwk } });
      return ctx.prisma.service.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('revokeServiceKey', (t) =>
  t.prismaField({
    type: 'Service',
    authScopes: { scope: 'service:write' },
    errors: { types: MUTATION_ERRORS },
    args: { serviceId: t.arg.id(), kid: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const id = serviceId(args.serviceId);
      await revokeServiceKey({ ...writeOptions(ctx), serviceId: id, kid: args.kid });
      return ctx.prisma.service.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('setServiceWebhook', (t) =>
  t.prismaField({
    type: 'Service',
    authScopes: { scope: 'service:write' },
    errors: { types: MUTATION_ERRORS },
    args: {
      serviceId: t.arg.id(),
      webhookUrl: t.arg.string({ required: false, validate: ZWebhookUrlSchema }),
    },
    resolve: async (query, _root, args, ctx) => {
      if (args.webhookUrl) await validateWebhookUrl(args.webhookUrl, webhookUrlPolicy(ctx.config), 'webhookUrl');
      const id = serviceId(args.serviceId);
      await setServiceWebhook({ ...writeOptions(ctx), serviceId: id, webhookUrl: args.webhookUrl ?? null });
      return ctx.prisma.service.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('setServiceStatus', (t) =>
  t.prismaField({
    type: 'Service',
    description: 'Disabling a service refuses its next token request and every token it already holds.',
    authScopes: { scope: 'service:write' },
    errors: { types: MUTATION_ERRORS },
    args: { serviceId: t.arg.id(), status: t.arg({ type: ServiceStatus }) },
    resolve: async (query, _root, args, ctx) => {
      const id = serviceId(args.serviceId);
      await setServiceStatus({ ...writeOptions(ctx), serviceId: id, status: args.status });
      return ctx.prisma.service.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
