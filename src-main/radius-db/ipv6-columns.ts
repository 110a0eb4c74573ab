import type { SqlParams } from './sql-params';
import { addressKind, type DetectedSchema } from './detected-schema';
import { ipv6Network } from '@contract';

// A dual-stack session's IPv6, read the same way whatever the deployment did with radacct:
// stock FreeRADIUS 3.x has the four columns (three of them inet), older schemas lack some or
// all of them, and some deployments keep them as text.

/** The radacct columns that can hold an address of the subscriber's, the ones searched. */
const ipv6AddressColumns = [
  'framedipv6address',
  'framedipv6prefix',
  'delegatedipv6prefix',
] as const;

/** The four IPv6 fields of a SessionRow as SQL, each NULL::text where radacct lacks it. */
export interface Ipv6FieldSql {
  /** framedipv6address, without the /128 inet::text would add. */
  address: string;
  /** framedipv6prefix (WAN), with its /length. */
  wanPrefix: string;
  /** delegatedipv6prefix (LAN, DHCPv6-PD), with its /length. */
  delegatedPrefix: string;
  /** framedinterfaceid, text in every schema. */
  interfaceId: string;
}

export function ipv6FieldSql(schema: DetectedSchema): Ipv6FieldSql {
  const field = (name: string, shown: (column: string) => string): string => {
    const info = schema.radacct.get(name);
    if (!info) return 'NULL::text';
    const column = `r.${name}`;
    return addressKind(info) === 'inet' ? shown(column) : `nullif(btrim(${column}::text), '')`;
  };
  return {
    address: field('framedipv6address', (column) => `host(${column})`),
    // inet::text keeps the length (2001:db8:aa10:100::/56), which is what a prefix is.
    wanPrefix: field('framedipv6prefix', (column) => `${column}::text`),
    delegatedPrefix: field('delegatedipv6prefix', (column) => `${column}::text`),
    interfaceId: field('framedinterfaceid', (column) => `${column}::text`),
  };
}

/** The IPv6 columns this radacct has, with how each is typed. */
function presentColumns(schema: DetectedSchema): { column: string; kind: 'inet' | 'text' }[] {
  return ipv6AddressColumns
    .filter((name) => schema.radacct.has(name))
    .map((name) => ({ column: `r.${name}`, kind: addressKind(schema.radacct.get(name)) }));
}

/**
 * SQL that is true when a session's framed IPv6 address, WAN prefix or delegated prefix
 * contains `address` (canonical IPv6, see ipv6-address.ts); null when radacct has none of
 * those columns. inet columns use containment (>>=), which a /56 covers a LAN with. A text
 * column is never cast (one malformed value would fail the whole query): it is compared
 * with every prefix that can contain the address, written as FreeRADIUS writes them.
 */
export function ipv6ContainsSql(
  schema: DetectedSchema,
  address: string,
  params: SqlParams,
): string | null {
  const columns = presentColumns(schema);
  if (columns.length === 0) return null;
  let inet: string | null = null;
  let texts: string | null = null;
  const tests = columns.map(({ column, kind }) => {
    if (kind === 'inet') {
      inet ??= params.add(address, 'inet');
      return `${column} >>= ${inet}`;
    }
    texts ??= params.add(containingPrefixes(address), 'text[]');
    return `lower(btrim(${column}::text)) = ANY (${texts})`;
  });
  return `(${tests.join(' OR ')})`;
}

/** address, address/128, and every network that holds it, /127 down to /0. */
export function containingPrefixes(address: string): string[] {
  const prefixes = [address];
  for (let length = 128; length >= 0; length -= 1) {
    prefixes.push(`${ipv6Network(address, length)}/${length}`);
  }
  return prefixes;
}
