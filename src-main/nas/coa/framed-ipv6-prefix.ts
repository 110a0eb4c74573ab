import { ipv6Groups } from '@contract';

/**
 * Framed-IPv6-Prefix (RFC 3162 §2.3) on the wire: reserved octet, prefix length, then only
 * the octets the length covers. The radius package has no encoder for the ipv6prefix type.
 * null for text that is not `address/length` (the caller then leaves the attribute out).
 */
export function framedIpv6PrefixValue(prefix: string): Buffer | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(prefix.trim());
  const groups = match ? ipv6Groups(match[1] ?? '') : null;
  const length = Number(match?.[2]);
  if (groups === null || length > 128) return null;
  const octets = Buffer.alloc(16);
  groups.forEach((group, index) => octets.writeUInt16BE(group, index * 2));
  const covered = Math.ceil(length / 8);
  const value = Buffer.alloc(2 + covered);
  value[1] = length;
  octets.copy(value, 2, 0, covered);
  // Bits past the length are zero, as a prefix's are (a receiver may refuse others).
  if (length % 8 !== 0)
    value[1 + covered] = (value[1 + covered] ?? 0) & (0xff << (8 - (length % 8)));
  return value;
}
