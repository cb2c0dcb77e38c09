// Where an administrator may point a service's webhook. Lupa itself makes the request, from
// inside the municipality's network, so a receiver on loopback, a private network or a
// link-local address (cloud metadata at 169.254.169.254) would let an admin reach what only
// Lupa's host can: server-side request forgery. In production a receiver must be https and
// every address its name resolves to public; LUPA_WEBHOOK_ALLOWED_HOSTS names the exceptions
// (an internal receiver an operator vouches for). Development accepts local receivers.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { AppConfig } from '../config/index.js';
import { LupaValidationError } from '../core/errors.js';

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface WebhookUrlPolicy {
  production: boolean;
  /** Host names (lower case) exempt from the address check. */
  allowedHosts: readonly string[];
  /** DNS resolution; tests substitute their own. */
  lookupAll?: LookupAll;
}

export function webhookUrlPolicy(config: Pick<AppConfig, 'env' | 'webhookAllowedHosts'>): WebhookUrlPolicy {
  return { production: config.env === 'production', allowedHosts: config.webhookAllowedHosts };
}

// Special-purpose ranges (RFC 6890 and the IANA registries) that are not the public internet.
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // An IPv4-mapped address reaches the IPv4 host it embeds.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return isPublicAddress(mapped[1]);
    return !NOT_PUBLIC.check(address, 'ipv6');
  }
  return !NOT_PUBLIC.check(address, 'ipv4');
}

/** Why the URL may not receive webhooks, or undefined when it may. */
export async function webhookUrlProblem(value: string, policy: WebhookUrlPolicy): Promise<string | undefined> {
  if (!policy.production) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'https:') return 'must be an https:// address in production';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowedHosts.includes(host)) return undefined;
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await (policy.lookupAll ?? lookupAll)(host)).map((a) => a.address);
    } catch {
      return `the host ${host} could not be resolved`;
    }
  }
  const inside = addresses.find((address) => !isPublicAddress(address));
  if (inside) {
    return (
      `${host} resolves to ${inside}, which is not a public address (loopback, private or link-local); ` +
      'an operator can allow the host with LUPA_WEBHOOK_ALLOWED_HOSTS'
    );
  }
  return addresses.length ? undefined : `the host ${host} could not be resolved`;
}

/** The one address a delivery connects to, checked, or why there is none. */
export type DeliveryAddress =
  | { ok: true; address: string; family: 4 | 6 }
  | { ok: false; error: 'ADDRESS_REFUSED' | 'UNRESOLVABLE'; reason: string };

/**
 * Resolves the webhook's host again at delivery time and applies the registration rule to
 * what it resolves to now: a name that was public when an admin saved it may point at
 * 127.0.0.1 by the time a notice goes out (DNS rebinding). The caller connects to exactly
 * the address returned, so a further resolution cannot swap it. Outside production any
 * address is accepted, but it is still the one connected to.
 */
export async function resolveDeliveryAddress(value: string, policy: WebhookUrlPolicy): Promise<DeliveryAddress> {
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const checked = policy.production && !policy.allowedHosts.includes(host);
  if (checked && url.protocol !== 'https:') {
    return { ok: false, error: 'ADDRESS_REFUSED', reason: 'must be an https:// address in production' };
  }
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (policy.lookupAll ?? lookupAll)(host);
    } catch {
      addresses = [];
    }
  }
  const first = addresses[0];
  if (!first) return { ok: false, error: 'UNRESOLVABLE', reason: `the host ${host} could not be resolved` };
  const inside = checked ? addresses.find((a) => !isPublicAddress(a.address)) : undefined;
  if (inside) {
    return {
      ok: false,
      error: 'ADDRESS_REFUSED',
      reason: `${host} resolves to ${inside.address}, which is not a public address`,
    };
  }
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Throws BAD_USER_INPUT naming `path` when the URL may not receive webhooks. */
export async function validateWebhookUrl(value: string, policy: WebhookUrlPolicy, path: string): Promise<void> {
  const problem = await webhookUrlProblem(value, policy);
  if (problem) throw new LupaValidationError([{ path, message: problem }]);
}

const lookupAll: LookupAll = (hostname) => lookup(hostname, { all: true, verbatim: true });
