import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canonicalIpv6, ipv6Network } from '@contract';
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
    for (const typed of [
      '',
      '2001:db8',
      '2001:db8:aa10',
      '100.64.1.5',
      '2001:db8::/56',
      'x::1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4::5:6:7:8',
      '12345::1',
      '::ffff:1.2.3.256',
      'fe80::1%eth0',
    ])
      expect(canonicalIpv6(typed)).toBeNull();
  });
});

describe('canonicalIpv6 against independent readers', () => {
  it('agrees with Node on what an address is, and with WHATWG URL on its form', () => {
    const typed = ['::', '::1', '1::', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1::8', 'a:b::c:d'];
    // Addresses with zero runs of every length and place, in full notation.
    for (let seed = 1; seed < 400; seed += 1) {
      const groups = Array.from({ length: 8 }, (_, i) =>
        (seed * (i + 3)) % 5 < 2 ? 0 : (seed * 7919 * (i + 1)) & 0xffff,
      );
      typed.push(groups.map((g) => g.toString(16).padStart(4, '0')).join(':'));
    }
    typed.push('1:2', '1::2::3', ':1::', '1:::2', 'g::', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4');
    for (const text of typed) {
      const canonical = canonicalIpv6(text);
      expect(canonical !== null, text).toBe(isIPv6(text));
      if (canonical !== null) {
        const viaUrl = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        if (!text.includes('.')) expect(canonical, text).toBe(viaUrl);
      }
    }
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
