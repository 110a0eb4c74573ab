import { describe, expect, it } from 'vitest';
import { classifyIpv6Search } from '../../../src-main/radius-db/ipv6-search';

describe('what typed text means for IPv6 search', () => {
  it('reads a whole address in any notation as one canonical address', () => {
    expect(classifyIpv6Search('2001:0DB8:0:0:0:0:0:1')).toEqual({
      kind: 'address',
      address: '2001:db8::1',
    });
    expect(classifyIpv6Search(' 2001:db8:aa10:100:: ')).toEqual({
      kind: 'address',
      address: '2001:db8:aa10:100::',
    });
  });

  it('reads a piece of one as text, zeros a stored address never prints taken out', () => {
    expect(classifyIpv6Search('2001:db8:aa10')).toEqual({
      kind: 'fragment',
      text: '2001:db8:aa10',
    });
    expect(classifyIpv6Search('2001:0db8:00aa')).toEqual({ kind: 'fragment', text: '2001:db8:aa' });
    // A cut first or last group keeps its zeros: "…:0a" may be the end of "a0a".
    expect(classifyIpv6Search('0a:0100:0b')).toEqual({ kind: 'fragment', text: '0a:100:0b' });
    expect(classifyIpv6Search('AA10:100::/56')).toEqual({
      kind: 'fragment',
      text: 'aa10:100::/56',
    });
  });

  it('leaves usernames, IPv4 and colon-less text alone', () => {
    for (const typed of ['alice@isp', '100.64.1.5', '2001', 'aa10', 'x:y', ':::'.repeat(1) + 'g'])
      expect(classifyIpv6Search(typed)).toEqual({ kind: 'none' });
  });
});
