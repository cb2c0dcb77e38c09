// The one place a request's client address is decided: the sign-in throttle and the
// resident page's rate limits key on it.
//
// Behind a reverse proxy every request's peer is the proxy, so every client would share one
// bucket, and one client's failures would throttle all. X-Forwarded-For names the real
// client, but anyone can send that header: it is honoured only when the peer is a proxy the
// operator listed (LUPA_TRUSTED_PROXIES), and then the right-most address that is not itself
// a trusted proxy is the client. Everything left of it was written by the client and is
// not believed.
import { BlockList, isIP } from 'node:net';

export type TrustedProxies = (address: string) => boolean;

/** No proxy is trusted: the peer address is the client. */
export const NO_TRUSTED_PROXIES: TrustedProxies = () => false;

/** A matcher for addresses and CIDR ranges (IPv4 or IPv6); throws on an entry that is neither. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  if (entries.length === 0) return NO_TRUSTED_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > maxBits) {
      throw new Error(`${entry} is not an IP address or CIDR range`);
    }
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return (address) => {
    const plain = normalise(address);
    const family = plain ? isIP(plain) : 0;
    return family !== 0 && list.check(plain as string, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * The client's address: the peer's, unless the peer is a trusted proxy — then the
 * right-most X-Forwarded-For address that is not a trusted proxy. A malformed hop stops the
 * walk at the proxy that passed it on, so garbage never becomes a key of its own.
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | null,
  isTrusted: TrustedProxies,
): string | undefined {
  if (peer === undefined) return undefined;
  let client = normalise(peer) ?? peer;
  if (!isTrusted(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i] ?? '');
    if (!hop) return client;
    client = hop;
    if (!isTrusted(hop)) return hop;
  }
  return client;
}

/** A bare IP address from a peer or a forwarded hop; IPv4-mapped IPv6 as IPv4; else undefined. */
function normalise(value: string): string | undefined {
  let address = value.trim();
  // [v6]:port and [v6]
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  // v4:port
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) === 0 ? undefined : address.toLowerCase();
}
