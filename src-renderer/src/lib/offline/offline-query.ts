// The live page's list, answered from the rows of an export in memory: the same filter
// (search over username, framed IP, MAC and IPv6 as a case-insensitive substring; status by stop
// time; one NAS), the same sort columns (NULLs last, ties by radacct id), then a page.
import {
  F,
  ipv6Groups,
  ipv6PrefixContains,
  parseIpv6Prefix,
  type SessionFilter,
  type SessionRow,
  type SessionSort,
  type SortColumn,
} from '@contract';
import { isStaleAt } from './offline-stale';

type SortKey = string | number | bigint | null;

const timeKey = (value: string | null): number | null => {
  if (value === null) return null;
  if (value === 'infinity') return Infinity;
  if (value === '-infinity') return -Infinity;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
};

// Octets compared as big integers: two values past 2^53 that differ by 1 still order right.
const octetKey = (value: string | null): bigint | null => (value === null ? null : BigInt(value));

/** What each sort column compares, as the live SQL's sort keys do. */
const sortKeyOf: Record<SortColumn, (session: SessionRow) => SortKey> = {
  username: (s) => s[F.username],
  fullName: (s) => s[F.fullName],
  service: (s) => s[F.service],
  // What the NAS column shows: the name, or the address when the file has none.
  nas: (s) => s[F.nasName] ?? s[F.nasIp],
  framedIp: (s) => ipKey(s[F.framedIp]),
  mac: (s) => s[F.mac],
  acctSessionId: (s) => s[F.acctSessionId],
  startTime: (s) => timeKey(s[F.startTime]),
  stopTime: (s) => timeKey(s[F.stopTime]),
  duration: (s) => s[F.sessionTime],
  download: (s) => octetKey(s[F.download]),
  upload: (s) => octetKey(s[F.upload]),
};

/** IPv4 sorts by number, as an inet column does; anything else by its text, after. */
function ipKey(value: string | null): SortKey {
  if (value === null) return null;
  const parts = value.split('.');
  if (parts.length !== 4) return `~${value}`;
  let key = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return `~${value}`;
    key = key * 256 + octet;
  }
  return key.toString(16).padStart(8, '0');
}

/** The session's framed IPv6 address, WAN prefix or delegated prefix contains `address`. */
function holdsIpv6(session: SessionRow, address: number[]): boolean {
  for (const value of [
    session[F.framedIpv6Address],
    session[F.framedIpv6Prefix],
    session[F.delegatedIpv6Prefix],
  ]) {
    const prefix = value === null ? null : parseIpv6Prefix(value);
    if (prefix !== null && ipv6PrefixContains(prefix, address)) return true;
  }
  return false;
}

/** radacct ids as exact integers: longer is bigger, then by digits. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The haystack of one session for search: username, framed IP, MAC, IPv6, lower-cased. */
export function searchText(session: SessionRow): string {
  return [
    session[F.username],
    session[F.framedIp],
    session[F.mac],
    session[F.framedIpv6Address],
    session[F.framedIpv6Prefix],
    session[F.delegatedIpv6Prefix],
  ]
    .map((value) => value ?? '')
    .join('\n')
    .toLowerCase();
}

/**
 * Rows of `sessions` matching `filter`, in `sort` order. `haystacks[i]` is searchText of
 * sessions[i], computed once per file rather than once per keystroke.
 */
export function querySessions(
  sessions: readonly SessionRow[],
  haystacks: readonly string[],
  filter: SessionFilter,
  sort: SessionSort,
  staleBefore: number | null = null,
): SessionRow[] {
  const needle = filter.search.toLowerCase();
  // A whole IPv6 address finds the sessions whose address or prefixes hold it, as live.
  const ipv6 = filter.search.includes(':') ? ipv6Groups(filter.search) : null;
  const endedFrom = filter.ended ? Date.parse(filter.ended.from) : null;
  const endedTo = filter.ended ? Date.parse(filter.ended.to) : null;
  const matching: number[] = [];
  for (let i = 0; i < sessions.length; i += 1) {
    const session = sessions[i] as SessionRow;
    if (filter.status === 'online' && session[F.stopTime] !== null) continue;
    if (filter.status === 'offline' && session[F.stopTime] === null) continue;
    if (filter.status === 'stale' && !isStaleAt(session, staleBefore)) continue;
    if (filter.nasIp !== null && session[F.nasIp] !== filter.nasIp) continue;
    if (needle !== '' && !(haystacks[i] as string).includes(needle)) {
      if (ipv6 === null || !holdsIpv6(session, ipv6)) continue;
    }
    if (endedFrom !== null && endedTo !== null) {
      const stop = timeKey(session[F.stopTime]);
      if (stop === null || stop < endedFrom || stop > endedTo) continue;
    }
    matching.push(i);
  }
  const keyOf = sortKeyOf[sort.column];
  // One key per row, computed before sorting: a comparison then costs a lookup, not a parse.
  const keys: SortKey[] = new Array<SortKey>(sessions.length);
  for (const i of matching) keys[i] = keyOf(sessions[i] as SessionRow);
  const sign = sort.direction === 'asc' ? 1 : -1;
  matching.sort((a, b) => {
    const ka = keys[a] ?? null;
    const kb = keys[b] ?? null;
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      if (ka < kb) return -sign;
      if (ka > kb) return sign;
    }
    return sign * compareIds((sessions[a] as SessionRow)[F.id], (sessions[b] as SessionRow)[F.id]);
  });
  return matching.map((i) => sessions[i] as SessionRow);
}
