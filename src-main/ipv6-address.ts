import { isIPv6 } from 'node:net';

// IPv6 addresses as an operator types them and as radacct holds them: `2001:db8::1` and
// `2001:0db8:0:0:0:0:0:1` are one address. Canonical here is RFC 5952 (lower case, no
// leading zeros, the longest run of two or more zero groups as ::), which is what
// PostgreSQL's inet output and FreeRADIUS (inet_ntop) write.

/** Eight 16-bit groups. */
type Groups = number[];

/** The address in canonical form, or null when `typed` is not one IPv6 address. */
export function canonicalIpv6(typed: string): string | null {
  const groups = parseGroups(typed.trim());
  return groups === null ? null : formatGroups(groups);
}

/** The network of `address` (canonical) at `length` bits, canonical, without the /length. */
export function ipv6Network(address: string, length: number): string {
  const groups = parseGroups(address);
  if (groups === null) throw new Error(`Not an IPv6 address: ${address}`);
  return formatGroups(
    groups.map((group, index) => {
      const bits = Math.max(0, Math.min(16, length - index * 16));
      return bits === 16 ? group : group & ((0xffff << (16 - bits)) & 0xffff);
    }),
  );
}

/** The eight 16-bit groups of an IPv6 address, or null when `text` is not one. */
export function ipv6Groups(text: string): number[] | null {
  return parseGroups(text.trim());
}

function parseGroups(text: string): Groups | null {
  if (!isIPv6(text)) return null;
  let body = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(body);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    body = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = body.split('::') as [string, string | undefined];
  const part = (side: string): number[] =>
    side === '' ? [] : side.split(':').map((group) => parseInt(group, 16));
  const left = part(head);
  if (tail === undefined) return left;
  const right = part(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function formatGroups(groups: Groups): string {
  // The longest run of zero groups (two or more; the first of equals) becomes ::.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
