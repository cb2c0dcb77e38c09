// Changes to a registered service: its keys, its webhook address and its status. Each is
// one transaction with its audit event; the service is looked up inside it.
import type { Prisma } from '@lupa/db';
import { type AuditTx, auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';

interface ServiceOptions extends WriteOptions {
  serviceId: string;
}

async function loadService(tx: AuditTx, serviceId: string) {
  const service = await tx.service.findUnique({ where: { id: serviceId }, include: { keys: true } });
  if (!service) throw new NotFoundError('No such service');
  return service;
}

export async function addServiceKey(
  options: ServiceOptions & { key: { kid: string; jwk: Prisma.InputJsonValue } },
): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const service = await loadService(tx, options.serviceId);
    if (service.keys.some((k) => k.kid === options.key.kid)) {
      throw new ConflictError('That key is already registered for this service', 'DUPLICATE');
    }
    await tx.serviceKey.create({ data: { serviceId: service.id, kid: options.key.kid, publicJwk: options.key.jwk } });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'service.key.add',
          organisationId: service.organisationId,
          serviceId: service.id,
          payload: { clientId: service.clientId, kid: options.key.kid },
        }),
      ],
    };
  });
}

export async function revokeServiceKey(options: ServiceOptions & { kid: string }): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const service = await loadService(tx, options.serviceId);
    const key = service.keys.find((k) => k.kid === options.kid && !k.revokedAt);
    if (!key) throw new NotFoundError('This service has no active key with that kid');
    await tx.serviceKey.update({ where: { id: key.id }, data: { revokedAt: options.now } });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'service.key.revoke',
          organisationId: service.organisationId,
          serviceId: service.id,
          payload: { clientId: service.clientId, kid: key.kid },
        }),
      ],
    };
  });
}

export async function setServiceWebhook(options: ServiceOptions & { webhookUrl: string | null }): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const service = await loadService(tx, options.serviceId);
    await tx.service.update({ where: { id: service.id }, data: { webhookUrl: options.webhookUrl } });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'service.webhook.set',
          organisationId: service.organisationId,
          serviceId: service.id,
          payload: { clientId: service.clientId, webhookUrl: options.webhookUrl },
        }),
      ],
    };
  });
}

export async function setServiceStatus(options: ServiceOptions & { status: 'ACTIVE' | 'DISABLED' }): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const service = await loadService(tx, options.serviceId);
    await tx.service.update({ where: { id: service.id }, data: { status: options.status } });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'service.status.set',
          organisationId: service.organisationId,
          serviceId: service.id,
          payload: { clientId: service.clientId, status: options.status },
        }),
      ],
    };
  });
}
