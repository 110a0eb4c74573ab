import { OperatorError } from '../../operator-error';
import { pickSessionToRemove } from '../routeros';
import type { DisconnectTarget, NasAccess } from './disconnect-input';
import type { DisconnectAttempt } from './disconnect-report';
import type { RouterOsPool } from './routeros-pool';

/**
 * Removes the session from `/ppp/active` over the RouterOS API. Never throws: whatever went
 * wrong becomes a failed attempt, so the caller can fall back to CoA.
 */
export async function tryRouterOsApi(
  target: DisconnectTarget,
  access: NasAccess,
  pool: RouterOsPool,
): Promise<DisconnectAttempt> {
  // A blank user is what an emptied Settings field saves: not set up, like null.
  if (!access.apiUser) {
    return attempt('skipped', `not configured for ${target.nasIp}`);
  }
  try {
    const session = await pool.get(target.nasIp, access);
    const active = await session.findActive(target.username);
    const chosen = pickSessionToRemove(active, target);
    if (!chosen) {
      return attempt('failed', noMatchingEntry(target, active.length));
    }
    await session.removeActive(chosen.id);
    return attempt('ok', `removed ${target.username} (${chosen.id}) on ${target.nasIp}`);
  } catch (failure) {
    // The client's messages already name the NAS as "RouterOS API at host:port".
    if (failure instanceof OperatorError) {
      return { path: 'routeros-api', outcome: 'failed', detail: failure.message };
    }
    // Even a bug in this path must leave the operator the CoA fallback.
    return attempt('failed', `unexpected error (${String(failure)})`);
  }
}

function noMatchingEntry(target: DisconnectTarget, entries: number): string {
  if (entries === 0) {
    return `no active session of ${target.username} on ${target.nasIp}`;
  }
  const found = `${entries} active ${entries === 1 ? 'session' : 'sessions'} of ${target.username} on ${target.nasIp}`;
  const row = [target.framedIp, target.mac].filter((value) => value !== null).join(' / ');
  return row
    ? `${found}, none with ${row}: the row may be stale (the subscriber reconnected)`
    : `${found} and no IP or MAC in the row to tell which one`;
}

function attempt(outcome: DisconnectAttempt['outcome'], detail: string): DisconnectAttempt {
  return { path: 'routeros-api', outcome, detail: `RouterOS API: ${detail}` };
}
