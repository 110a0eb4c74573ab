// IPv6 addresses as an operator types them and as radacct holds them: `2001:db8::1` and
// `2001:0db8:0:0:0:0:0:1` are one address. Plain code with no Node module: main's search and
// the offline review's search read addresses the same way. Canonical here is RFC 5952 (lower case, no
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
  let body = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const dotted = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(body);
  if (dotted) {
    const octets = dotted.slice(2).map(Number);
    if (octets.some((octet) => octet > 255)) return null;
    const [a, b, c, d] = octets as [number, number, number, number];
    body = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const part = (side: string): number[] | null => {
    if (side === '') return [];
    const groups = side.split(':');
    return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))
      ? groups.map((group) => parseInt(group, 16))
      : null;
  };
  const left = part(halves[0] ?? '');
  const right = halves.length === 2 ? part(halves[1] ?? '') : [];
  if (left === null || right === null) return null;
  if (halves.length === 1) return left.length === 8 ? left : null;
  const missing = 8 - left.length - right.length;
  // "::" stands for one zero group or more.
  if (missing < 1) return null;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
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

/** A prefix as radacct shows it (`2001:db8:aa10:100::/56`), or null when it is not one. */
export function parseIpv6Prefix(text: string): { groups: number[]; length: number } | null {
  const slash = text.indexOf('/');
  const groups = ipv6Groups(slash < 0 ? text : text.slice(0, slash));
  const length = slash < 0 ? 128 : Number(text.slice(slash + 1));
  if (groups === null || !Number.isInteger(length) || length < 0 || length > 128) return null;
  return { groups, length };
}

/** Whether `address` (eight groups) lies inside `prefix`. */
export function ipv6PrefixContains(
  prefix: { groups: number[]; length: number },
  address: number[],
): boolean {
  for (let index = 0; index < 8; index += 1) {
    const bits = Math.max(0, Math.min(16, prefix.length - index * 16));
    if (bits === 0) return true;
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((prefix.groups[index] ?? 0) & mask) !== ((address[index] ?? 0) & mask)) return false;
  }
  return true;
}
