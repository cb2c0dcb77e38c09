// Registering a service in the registry, with its first public key if given. The public
// key has been validated by the caller (graphql/service-keys.ts checks its shape).
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';

export interface RegisterServiceOptions extends WriteOptions {
  organisationId: string;
  clientId: string;
  name: string;
  webhookUrl: string | null;
  key?: { kid: string; jwk: object };
}

export async function registerService(options: RegisterServiceOptions): Promise<{ serviceId: string }> {
  return auditedTransaction(options.prisma, async (tx) => {
    if (!(await tx.organisation.findUnique({ where: { id: options.organisationId } }))) {
      throw new NotFoundError('No such organisation');
    }
    if (await tx.service.findUnique({ where: { clientId: options.clientId } })) {
      throw new ConflictError('That client id is taken', 'DUPLICATE');
    }
    const service = await tx.service.create({
      data: {
        organisationId: options.organisationId,
        clientId: options.clientId,
        name: options.name,
        webhookUrl: options.webhookUrl,
        keys: options.key ? { create: { kid: options.key.kid, publicJwk: options.key.jwk } } : undefined,
      },
    });
    return {
      result: { serviceId: service.id },
      audit: [
        auditEvent(options, {
          kind: 'service.register',
          organisationId: options.organisationId,
          serviceId: service.id,
          payload: { clientId: options.clientId, keyKid: options.key?.kid ?? null },
        }),
      ],
    };
  });
}
