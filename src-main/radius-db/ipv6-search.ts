import { canonicalIpv6 } from '@contract';
import type { DetectedSchema } from './detected-schema';
import { ipv6ContainsSql, ipv6FieldSql } from './ipv6-columns';
import type { SqlParams } from './sql-params';

// What the search box means for a session's IPv6, kept apart from the rest of the search so
// it can move into any classifier of typed text as one call.

/** How typed text reads as IPv6: one whole address, a piece of one, or neither. */
export type Ipv6Search =
  { kind: 'address'; address: string } | { kind: 'fragment'; text: string } | { kind: 'none' };

/**
 * A whole address (any notation: `2001:0db8:0:0:0:0:0:1` is `2001:db8::1`) is found by
 * containment. A fragment (`2001:db8:aa10`, `aa10:100::`) holds a colon and only hex digits
 * and colons; it matches as text after the zeros an address never prints are taken out of
 * its whole groups (`2001:0db8` is written `2001:db8`). A MAC written with colons is a
 * fragment too: it then matches no IPv6 and still finds its session through the MAC.
 */
export function classifyIpv6Search(typed: string): Ipv6Search {
  const text = typed.trim().toLowerCase();
  const address = canonicalIpv6(text);
  if (address !== null) return { kind: 'address', address };
  if (!text.includes(':') || !/^[0-9a-f:]+(\/\d{0,3})?$/.test(text)) return { kind: 'none' };
  const groups = text.split(':');
  const last = groups.length - 1;
  // The first and last groups may be cut (`…b8:aa1`); a whole group between colons, or one
  // of four digits, loses its leading zeros as the stored form has them lost.
  const trimmed = groups.map((group, index) =>
    (index > 0 && index < last) || group.length === 4
      ? group.replace(/^0+(?=[0-9a-f])/, '')
      : group,
  );
  return { kind: 'fragment', text: trimmed.join(':') };
}

/**
 * The condition, to be ORed with the other search targets, that a session's framed IPv6
 * address, WAN prefix or delegated prefix answers `typed`; null when the text is no IPv6
 * or radacct has no IPv6 columns.
 */
export function ipv6SearchSql(
  typed: string,
  schema: DetectedSchema,
  params: SqlParams,
): string | null {
  const search = classifyIpv6Search(typed);
  if (search.kind === 'address') return ipv6ContainsSql(schema, search.address, params);
  if (search.kind === 'none') return null;
  const fields = ipv6FieldSql(schema);
  const targets = [fields.address, fields.wanPrefix, fields.delegatedPrefix].filter(
    (target) => target !== 'NULL::text',
  );
  if (targets.length === 0) return null;
  // Hex digits, colons and a slash: nothing ILIKE treats specially, so no escaping.
  const pattern = params.add(`%${search.text}%`, 'text');
  return `(${targets.map((target) => `${target} ILIKE ${pattern}`).join(' OR ')})`;
}
