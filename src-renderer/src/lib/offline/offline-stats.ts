// The stat row and NAS list of an export: what was online when the file was written.
import {
  compareNasPills,
  F,
  type NasEntry,
  type NasPill,
  type SessionRow,
  type SessionStats,
} from '@contract';
import { isStaleAt, staleBeforeOf } from './offline-stale';

/** Online total and one pill per NAS, by name, as the live stat row orders them. */
export function offlineStats(sessions: readonly SessionRow[], exportedAt: string): SessionStats {
  const perNas = new Map<string, NasPill>();
  let online = 0;
  let stale = 0;
  const staleBefore = staleBeforeOf(exportedAt);
  for (const session of sessions) {
    if (session[F.stopTime] !== null) continue;
    online += 1;
    if (isStaleAt(session, staleBefore)) stale += 1;
    const nasIp = session[F.nasIp];
    const pill = perNas.get(nasIp);
    if (pill) pill.online += 1;
    else perNas.set(nasIp, { nasIp, nasName: session[F.nasName], online: 1 });
  }
  const pills = [...perNas.values()].sort(compareNasPills);
  return {
    online,
    stale,
    staleReadAt: exportedAt,
    perNas: pills,
    readAt: exportedAt,
    standby: null,
  };
}

/** Every NAS the file names, for the NAS filter: named ones first, as the live list does. */
export function offlineNasEntries(sessions: readonly SessionRow[]): NasEntry[] {
  const entries = new Map<string, NasEntry>();
  for (const session of sessions) {
    const nasIp = session[F.nasIp];
    const known = entries.get(nasIp);
    if (!known) entries.set(nasIp, { nasIp, name: session[F.nasName] });
    else if (known.name === null && session[F.nasName] !== null) known.name = session[F.nasName];
  }
  return [...entries.values()].sort((a, b) => {
    if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
    const ka = a.name ?? a.nasIp;
    const kb = b.name ?? b.nasIp;
    return ka < kb ? -1 : ka > kb ? 1 : a.nasIp < b.nasIp ? -1 : 1;
  });
}
