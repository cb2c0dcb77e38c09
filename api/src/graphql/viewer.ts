import { builder } from './builder.js';
import type { Principal } from './context.js';

const PrincipalKind = builder.enumType('PrincipalKind', {
  values: ['ANONYMOUS', 'SERVICE', 'OFFICER', 'RESIDENT'] as const,
});

export const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'Who a request speaks for.',
  fields: (t) => ({
    kind: t.field({
      type: PrincipalKind,
      resolve: (p) => p.kind.toUpperCase() as 'ANONYMOUS' | 'SERVICE' | 'OFFICER' | 'RESIDENT',
    }),
    service: t.prismaField({
      type: 'Service',
      nullable: true,
      description: 'The service a service token speaks for.',
      resolve: (query, p, _args, ctx) =>
        p.kind === 'service' ? ctx.prisma.service.findUnique({ ...query, where: { id: p.serviceId } }) : null,
    }),
    organisation: t.prismaField({
      type: 'Organisation',
      nullable: true,
      description: 'The organisation a service token speaks for.',
      resolve: (query, p, _args, ctx) =>
        p.kind === 'service' ? ctx.prisma.organisation.findUnique({ ...query, where: { id: p.organisationId } }) : null,
    }),
    purposeVersion: t.prismaField({
      type: 'PurposeVersion',
      nullable: true,
      description: 'The purpose version a service token is bound to.',
      resolve: (query, p, _args, ctx) =>
        p.kind === 'service'
          ? ctx.prisma.purposeVersion.findUnique({ ...query, where: { id: p.purposeVersionId } })
          : null,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'Who this request speaks for.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.principal,
  }),
);
