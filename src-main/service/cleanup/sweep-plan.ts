import { silentNasMinSessions, type NasSweep } from '@contract';
import type { StaleOnNas } from '../../radius-db';

/**
 * What a sweep does on each NAS (README, "Stale sessions"). The NAS-silence guard: when a
 * NAS's open sessions all went stale (at least silentNasMinSessions of them), the NAS or its
 * accounting path is down, not its subscribers: it is held, nothing closed there, unless an
 * operator confirmed this silence (a confirmation made after its sessions were last heard).
 */
export function planSweep(
  stale: readonly StaleOnNas[],
  confirmations: ReadonlyMap<string, string>,
): NasSweep[] {
  return stale.map((nas) => {
    const silent = nas.open >= silentNasMinSessions && nas.stale === nas.open;
    const confirmedAt = confirmations.get(nas.nasIp);
    const confirmed =
      silent &&
      confirmedAt !== undefined &&
      nas.lastHeardMax !== null &&
      Date.parse(confirmedAt) >= Date.parse(nas.lastHeardMax);
    return {
      nasIp: nas.nasIp,
      nasName: nas.nasName,
      open: nas.open,
      stale: nas.stale,
      held: silent && !confirmed,
      confirmed,
      sessions: nas.sessions,
    };
  });
}

/** Sessions a plan would close: every stale one of the NAS not held. */
export const toClose = (plan: readonly NasSweep[]): number =>
  plan.reduce((sum, nas) => sum + (nas.held ? 0 : nas.sessions.length), 0);
