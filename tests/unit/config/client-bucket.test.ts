import { describe, expect, it } from 'vitest';
import { clientBucketOf } from '../../../api/src/config/client-bucket.js';

describe('clientBucketOf', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientBucketOf('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one client', () => {
    const bucket = clientBucketOf('2001:db8:1:2::1');
    expect(bucket).toBe('2001:db8:1:2::/64');
    for (const address of [
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0:0:0:abcd',
      '2001:db8:1:2:a:b:c:d',
      'fe80::1%eth0'.replace('fe80::1', '2001:db8:1:2::9'),
    ]) {
      expect(clientBucketOf(address)).toBe(bucket);
    }
  });

  it('keeps neighbouring /64s apart', () => {
    expect(clientBucketOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientBucketOf('::1')).toBe('0:0:0:0::/64');
    expect(clientBucketOf('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address, and a dotted tail elsewhere as IPv6', () => {
    expect(clientBucketOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientBucketOf('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(clientBucketOf('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves what is not an address alone', () => {
    expect(clientBucketOf('unknown')).toBe('unknown');
  });
});
