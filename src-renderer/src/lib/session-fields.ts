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
 * How long ago radacct last heard from the session (its last Start or Interim-Update, the
 * start when none): "4 min ago". Offline sessions show nothing: they ended.
 */
export function lastUpdateAge(session: SessionRow, nowMs: number): string {
  if (!isOnline(session)) return '';
  const heard = session[F.updateTime] ?? session[F.startTime];
  const heardMs = heard === null ? Number.NaN : Date.parse(heard);
  return Number.isNaN(heardMs) ? '' : formatAge(nowMs - heardMs);
}
