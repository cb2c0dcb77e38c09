// Webhook receivers in production: https to public addresses only, whatever the name
// resolves to; the allow-list names the exceptions; development accepts local receivers.
import { describe, expect, it } from 'vitest';
import { isPublicAddress, type LookupAll, webhookUrlProblem } from '../../../api/src/webhooks/validate-webhook-url.js';

const DNS: Record<string, string[]> = {
  'hooks.example.fi': ['93.184.216.34', '2606:2800:220:1::1'],
  'internal.example.fi': ['10.1.2.3'],
  'rebind.example.fi': ['93.184.216.34', '127.0.0.1'],
  'metadata.example.fi': ['169.254.169.254'],
  'v6-private.example.fi': ['fd00::5'],
};
const lookupAll: LookupAll = async (host) => {
  const addresses = DNS[host];
  if (!addresses) throw new Error('ENOTFOUND');
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const production = { production: true, allowedHosts: ['internal.example.fi'], lookupAll };

describe('webhookUrlProblem in production', () => {
  it.each([
    ['a public host', 'https://hooks.example.fi/lupa'],
    ['a public IPv4 literal', 'https://93.184.216.34/lupa'],
    ['an allow-listed internal host', 'https://internal.example.fi/lupa'],
  ])('accepts %s', async (_name, url) => {
    expect(await webhookUrlProblem(url, production)).toBeUndefined();
  });

  it.each([
    ['plain http', 'http://hooks.example.fi/lupa', /https/],
    ['loopback literal', 'https://127.0.0.1/lupa', /127\.0\.0\.1.*not a public address/],
    ['localhost', 'https://localhost/lupa', /could not be resolved|not a public address/],
    ['a private network', 'https://10.0.0.7/lupa', /not a public address/],
    ['a name resolving to a private address', 'https://v6-private.example.fi/', /fd00::5/],
    ['a name with one loopback address among public ones', 'https://rebind.example.fi/', /127\.0\.0\.1/],
    ['cloud metadata (link-local)', 'https://metadata.example.fi/latest', /169\.254\.169\.254/],
    ['IPv6 loopback', 'https://[::1]/lupa', /not a public address/],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/lupa', /not a public address/],
    ['IPv6 link-local', 'https://[fe80::1]/lupa', /not a public address/],
    ['an unknown host', 'https://nowhere.example.fi/', /could not be resolved/],
  ])('refuses %s', async (_name, url, reason) => {
    expect(await webhookUrlProblem(url, production)).toMatch(reason);
  });
});

describe('webhookUrlProblem outside production', () => {
  it('accepts a receiver on this machine, where developers test', async () => {
    expect(
      await webhookUrlProblem('http://127.0.0.1:9999/hook', { production: false, allowedHosts: [], lookupAll }),
    ).toBeUndefined();
  });
});

describe('isPublicAddress', () => {
  it('tells special-purpose ranges from the public internet', () => {
    for (const address of [
      '0.0.0.0',
      '100.64.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '224.0.0.1',
      'fc00::1',
      'ff02::1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});
