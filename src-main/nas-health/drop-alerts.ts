import { outageCauses, type DropAlert, type DropKind } from '@contract';
import type { StopsInWindow } from '../radius-db';
import type { DropEpisode } from './drop-detection';

const outage = new Set<string>(outageCauses);

/** An alert's identity: the NAS and the bucket edge where the drop first met a threshold. */
export function dropAlertId(episode: DropEpisode, bucketSeconds: number): string {
  return `${episode.nasIp}@${new Date(episode.anchorBucket * bucketSeconds * 1000).toISOString()}`;
}

/**
 * How the drop reads. FreeRADIUS's Accounting-On/Off query closes every open session of the
 * NAS in one UPDATE, all stamped with the packet's time and NAS-Reboot: when most of the
 * drop is one such batch, the NAS rebooted.
 */
export function dropKind(stops: StopsInWindow): DropKind {
  if (stops.rebootBatch >= 2 && stops.rebootBatch * 2 >= stops.ended) return 'nas-rebooted';
  const dominant = stops.causes[0]?.cause;
  return dominant && outage.has(dominant) ? 'mass-end' : 'sessions-lost';
}

export function toDropAlert(
  episode: DropEpisode,
  stops: StopsInWindow,
  bucketSeconds: number,
  nasName: string | null,
  acknowledged: DropAlert['acknowledged'],
): DropAlert {
  const windowTo = new Date(episode.windowTo * 1000).toISOString();
  const dominant = stops.causes[0] ?? null;
  return {
    id: dropAlertId(episode, bucketSeconds),
    nasIp: episode.nasIp,
    nasName,
    kind: dropKind(stops),
    ended: stops.ended,
    before: episode.before,
    after: episode.after,
    from: stops.first ?? windowTo,
    to: stops.last ?? windowTo,
    cause: dominant?.cause ?? null,
    causeCount: dominant?.sessions ?? 0,
    acknowledged,
  };
}

/** One line for the audit log and the banner: what happened to which NAS, when, why. */
export function describeDrop(alert: DropAlert): string {
  const nas = alert.nasName ? `${alert.nasName} (${alert.nasIp})` : alert.nasIp;
  const what =
    alert.kind === 'nas-rebooted'
      ? 'rebooted (Accounting-On/Off)'
      : alert.kind === 'mass-end'
        ? 'had many sessions end at once'
        : 'lost a large share of its sessions';
  const cause = alert.cause ? `, mostly ${alert.cause} (${alert.causeCount})` : '';
  return (
    `${nas} ${what}: ${alert.ended} sessions ended between ${alert.from} and ${alert.to}` +
    `${cause}; online went from ${alert.before} to ${alert.after}.`
  );
}
