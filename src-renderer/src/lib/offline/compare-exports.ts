// Two snapshots of the online sessions, compared subscriber by subscriber. The key is the
// username of the sessions online in each file: radacct ids and session ids change on
// every reconnect, the username is who the NOC asks about.
import { F, type SessionRow } from '@contract';

export interface SubscriberChange {
  username: string;
  /** The subscriber's online sessions in the first file (A) and the second (B). */
  before: SessionRow[];
  after: SessionRow[];
}

export interface ExportComparison {
  /** Online in B, not in A. */
  appeared: SubscriberChange[];
  /** Online in A, not in B. */
  dropped: SubscriberChange[];
  /** Online in both, on another NAS or with another framed IP or IPv6 prefix. */
  moved: SubscriberChange[];
  onlineBefore: number;
  onlineAfter: number;
}

function onlineByUsername(sessions: readonly SessionRow[]): Map<string, SessionRow[]> {
  const byUsername = new Map<string, SessionRow[]>();
  for (const session of sessions) {
    if (session[F.stopTime] !== null) continue;
    const list = byUsername.get(session[F.username]);
    if (list) list.push(session);
    else byUsername.set(session[F.username], [session]);
  }
  return byUsername;
}

const ipv6Of = (s: SessionRow): string =>
  `${s[F.framedIpv6Prefix] ?? ''} ${s[F.delegatedIpv6Prefix] ?? ''}`;
const hasIpv6 = (sessions: readonly SessionRow[]): boolean =>
  sessions.some((s) => s[F.framedIpv6Prefix] !== null || s[F.delegatedIpv6Prefix] !== null);

/**
 * Where a subscriber is: the NAS and framed IP of each online session, order aside, and its
 * IPv6 prefixes when `ipv6` (both sides have some: an export written before dual-stack has
 * none, and must not make every dual-stack subscriber look moved).
 */
function whereabouts(sessions: readonly SessionRow[], ipv6: boolean): string {
  return sessions
    .map((s) => `${s[F.nasIp]} ${s[F.framedIp] ?? ''}${ipv6 ? ` ${ipv6Of(s)}` : ''}`)
    .sort()
    .join('|');
}

function movedBetween(before: readonly SessionRow[], after: readonly SessionRow[]): boolean {
  const ipv6 = hasIpv6(before) && hasIpv6(after);
  return whereabouts(before, ipv6) !== whereabouts(after, ipv6);
}

const byUsername = (a: SubscriberChange, b: SubscriberChange): number =>
  a.username < b.username ? -1 : a.username > b.username ? 1 : 0;

export function compareExports(
  before: readonly SessionRow[],
  after: readonly SessionRow[],
): ExportComparison {
  const a = onlineByUsername(before);
  const b = onlineByUsername(after);
  const appeared: SubscriberChange[] = [];
  const dropped: SubscriberChange[] = [];
  const moved: SubscriberChange[] = [];
  for (const [username, sessionsA] of a) {
    const sessionsB = b.get(username);
    if (!sessionsB) dropped.push({ username, before: sessionsA, after: [] });
    else if (movedBetween(sessionsA, sessionsB))
      moved.push({ username, before: sessionsA, after: sessionsB });
  }
  for (const [username, sessionsB] of b) {
    if (!a.has(username)) appeared.push({ username, before: [], after: sessionsB });
  }
  let onlineBefore = 0;
  for (const list of a.values()) onlineBefore += list.length;
  let onlineAfter = 0;
  for (const list of b.values()) onlineAfter += list.length;
  return {
    appeared: appeared.sort(byUsername),
    dropped: dropped.sort(byUsername),
    moved: moved.sort(byUsername),
    onlineBefore,
    onlineAfter,
  };
}
