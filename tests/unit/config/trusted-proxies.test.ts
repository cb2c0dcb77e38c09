// The client address behind a reverse proxy: X-Forwarded-For is believed only from a listed
// proxy, and then only its right-most address that is not a listed proxy.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../api/src/config/index.js';
import { clientAddressOf, NO_TRUSTED_PROXIES, trustedProxies } from '../../../api/src/config/trusted-proxies.js';

const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']);

describe('clientAddressOf', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', NO_TRUSTED_PROXIES)).toBe('203.0.113.9');
    // By default (no setting) nobody is trusted, not even loopback.
    expect(clientAddressOf('127.0.0.1', '198.51.100.1', trustedProxies([]))).toBe('127.0.0.1');
  });

  it('takes the right-most address that is not a trusted proxy', () => {
    expect(clientAddressOf('10.0.0.5', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // What the client wrote itself (left) is not believed; the proxies' own hops are skipped.
    expect(clientAddressOf('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.1.2.3', proxies)).toBe('198.51.100.7');
    expect(clientAddressOf('192.0.2.1', '2001:db8::5, fd00::1', proxies)).toBe('2001:db8::5');
  });

  it('reads IPv4-mapped peers, ports and brackets; a malformed hop stops at the proxy that passed it', () => {
    expect(clientAddressOf('::ffff:10.0.0.5', '198.51.100.7:4711', proxies)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.5', '[2001:db8::9]:443', proxies)).toBe('2001:db8::9');
    expect(clientAddressOf('10.0.0.5', 'not-an-address', proxies)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '198.51.100.7, junk, 10.0.0.6', proxies)).toBe('10.0.0.6');
    // Only proxies all the way: the left-most of them.
    expect(clientAddressOf('10.0.0.5', '10.0.0.7, 10.0.0.6', proxies)).toBe('10.0.0.7');
    expect(clientAddressOf('10.0.0.5', null, proxies)).toBe('10.0.0.5');
    expect(clientAddressOf(undefined, '198.51.100.7', proxies)).toBeUndefined();
  });
});

describe('LUPA_TRUSTED_PROXIES', () => {
  it('is a comma-separated list of addresses and CIDR ranges, none by default', () => {
    expect(readConfig({ LUPA_DATA_DIR: '/nonexistent' }).trustedProxies).toEqual([]);
    expect(
      readConfig({ LUPA_DATA_DIR: '/nonexistent', LUPA_TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::1' }).trustedProxies,
    ).toEqual(['10.0.0.0/8', '2001:db8::1']);
  });

  it.each(['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129'])('refuses %s, naming the setting', (entry) => {
    expect(() => readConfig({ LUPA_DATA_DIR: '/nonexistent', LUPA_TRUSTED_PROXIES: entry })).toThrow(ConfigError);
    expect(() => readConfig({ LUPA_DATA_DIR: '/nonexistent', LUPA_TRUSTED_PROXIES: entry })).toThrow(
      /LUPA_TRUSTED_PROXIES/,
    );
  });
});
