// What a session row means, field by field, beyond the raw values of the bridge.
import { F, type NasEntry, type SessionRow } from '@contract';
import { formatAge } from './format';

export const isOnline = (session: SessionRow): boolean => session[F.stopTime] === null;

/** The NAS as an operator knows it: its name, or its address when no NAS row matches. */
export const nasLabel = (session: SessionRow): string => session[F.nasName] ?? session[F.nasIp];

export const nasEntryLabel = (nas: NasEntry): string =>
  nas.name ? `${nas.name} (${nas.nasIp})` : nas.nasIp;

/**
 * Seconds the session has lasted: an online session counts live from its start (the
 * interim-updated acctsessiontime lags by up to one interim interval); an offline one
 * lasted what the Accounting-Stop said.
 */
export function sessionSeconds(session: SessionRow, nowMs: number): number | null {
  const start = session[F.startTime];
  if (isOnline(session) && start !== null) {
    const startMs = Date.parse(start);
    if (!Number.isNaN(startMs)) return Math.max(0, (nowMs - startMs) / 1000);
  }
  return session[F.sessionTime];
}

/**
 * The session's IPv6 in one line: the delegated prefix (the customer's LAN, what an abuse
 * report's address falls in), else the WAN prefix, else the framed address.
 */
export const ipv6Label = (session: SessionRow): string =>
  session[F.delegatedIpv6Prefix] ??
  session[F.framedIpv6Prefix] ??
  session[F.framedIpv6Address] ??
  '';

/** Every IPv6 value the session has, one per line with its name; '' for an IPv4-only one. */
export function ipv6Details(session: SessionRow): string {
  return [
    ['Delegated prefix', session[F.delegatedIpv6Prefix]],
    ['WAN prefix', session[F.framedIpv6Prefix]],
    ['Address', session[F.framedIpv6Address]],
    ['Interface id', session[F.framedInterfaceId]],
  ]
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * How long ago radacct last heard from the session (its last Start or Interim-Update, the
 * start when none): "4 min ago". Offline sessions show nothing: they ended.
 */
export function lastUpdateAge(session: SessionRow, nowMs: number): string {
  if (!isOnline(session)) return '';
  const heard = session[F.updateTime] ?? session[F.startTime];
  const heardMs = heard === null ? Number.NaN : Date.parse(heard);
  return Number.isNaN(heardMs) ? '' : formatAge(nowMs - heardMs);
}
