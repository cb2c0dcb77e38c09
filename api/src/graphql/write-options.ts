// What every domain write receives from a GraphQL request: the database, the actor (from
// the principal resolved before execution) and the request's id and instant.
import type { AuditActor, WriteOptions } from '../audit/audited-transaction.js';
import type { Context } from './context.js';

export function actorOf(ctx: Context): AuditActor {
  const p = ctx.principal;
  switch (p.kind) {
    case 'officer':
      return { kind: 'OFFICER', id: p.officerId };
    case 'service':
      return { kind: 'SERVICE', id: p.serviceId, organisationId: p.organisationId };
    case 'resident':
      return { kind: 'RESIDENT', id: p.residentId };
    default:
      throw new Error('writes are made by an authenticated principal (auth scopes are checked first)');
  }
}

export function writeOptions(ctx: Context): WriteOptions {
  return { prisma: ctx.prisma, actor: actorOf(ctx), requestId: ctx.requestId, now: ctx.now };
}
