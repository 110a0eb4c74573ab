import { describe, expect, it } from 'vitest';
import { canonicalIpv6, ipv6Network } from '../../../src-main/ipv6-address';
import { containingPrefixes } from '../../../src-main/radius-db/ipv6-columns';

describe('canonicalIpv6', () => {
  it('writes compressed and full notations of one address the same way', () => {
    expect(canonicalIpv6('2001:db8::1')).toBe('2001:db8::1');
    expect(canonicalIpv6('2001:0db8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIpv6(' 2001:0DB8:0000:0000:0000:0000:0000:0001 ')).toBe('2001:db8::1');
  });

  it('compresses the longest zero run, the first of equals, never a single group', () => {
    expect(canonicalIpv6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIpv6('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonicalIpv6('2001:db8:0:0:1:0:0:0')).toBe('2001:db8:0:0:1::');
    expect(canonicalIpv6('0:0:0:0:0:0:0:0')).toBe('::');
    expect(canonicalIpv6('::ffff:192.0.2.1')).toBe('::ffff:c000:201');
  });

  it('is null for anything that is not one IPv6 address', () => {
    for (const typed of ['', '2001:db8', '2001:db8:aa10', '100.64.1.5', '2001:db8::/56', 'x::1'])
      expect(canonicalIpv6(typed)).toBeNull();
  });
});

describe('ipv6Network', () => {
  it('clears the host bits, also inside a group', () => {
    expect(ipv6Network('2001:db8:aa10:1ff::5', 56)).toBe('2001:db8:aa10:100::');
    expect(ipv6Network('2001:db8:aa10:1ff::5', 64)).toBe('2001:db8:aa10:1ff::');
    expect(ipv6Network('2001:db8:aa10:1ff::5', 128)).toBe('2001:db8:aa10:1ff::5');
    expect(ipv6Network('2001:db8:aa10:1ff::5', 0)).toBe('::');
  });

  it('lists every prefix that holds an address, as FreeRADIUS writes them', () => {
    const prefixes = containingPrefixes('2001:db8:aa10:1ff::5');
    expect(prefixes).toHaveLength(130);
    expect(prefixes).toContain('2001:db8:aa10:1ff::5');
    expect(prefixes).toContain('2001:db8:aa10:1ff::5/128');
    expect(prefixes).toContain('2001:db8:aa10:100::/56');
    expect(prefixes).toContain('2001:db8:aa10:1ff::/64');
  });
});
