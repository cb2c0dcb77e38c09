// Whether a URL's host is this machine. Plain http is acceptable only there: nothing
// travels over a network a third party could read.
import { isIP } from 'node:net';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '::ffff:127.0.0.1' || /^::ffff:7f/.test(host);
  return false;
}
