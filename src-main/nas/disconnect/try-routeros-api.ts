import { OperatorError } from '../../operator-error';
import { nasFailureOf } from '../nas-path-error';
import { pickSessionToRemove, type PppActive } from '../routeros';
import { nasWords, type DisconnectTarget, type NasAccess } from './disconnect-input';
import type { DisconnectAttempt } from './disconnect-report';
import type { PathHealth } from './path-health';
import type { RouterOsPool } from './routeros-pool';
import { isCancelled, throwIfCancelled, untilCancelled } from './until-cancelled';

/** What a run shares with each of its disconnects. */
export interface PathContext {
  signal?: AbortSignal;
  health?: PathHealth;
}

/**
 * Removes the session from `/ppp/active` over the RouterOS API. Never throws: whatever went
 * wrong becomes a failed attempt, so the caller can fall back to CoA. Cancel is checked
 * before each step: after it no print and no remove is sent (one already sent is not
 * waited for).
 */
export async function tryRouterOsApi(
  target: DisconnectTarget,
  access: NasAccess,
  pool: RouterOsPool,
  { signal, health }: PathContext = {},
): Promise<DisconnectAttempt> {
  // A blank user is what an emptied Settings field saves: not set up, like null.
  if (!access.apiUser) {
    return attempt(
      'skipped',
      `not set up for NAS ${nasWords(target)} (no API user in Settings → NAS)`,
    );
  }
  const givenUp = health?.verdict(target.nasIp, 'routeros-api');
  if (givenUp) return attempt('skipped', `skipped — ${givenUp}`);
  let answered = false;
  let sent = false;
  try {
    throwIfCancelled(signal);
    const session = await untilCancelled(pool.get(target.nasIp, access), signal);
    throwIfCancelled(signal);
    const active = await untilCancelled(session.findActive(target.username), signal);
    answered = true;
    const chosen = pickSessionToRemove(active, target);
    if (!chosen) {
      // The router answered: it has no entry for this row's session.
      return {
        ...attempt('failed', noMatchingEntry(target, active)),
        answered,
        failure: 'no-such-session',
      };
    }
    throwIfCancelled(signal);
    sent = true;
    await untilCancelled(session.removeActive(chosen.id), signal);
    return {
      ...attempt('ok', `removed ${target.username} (${chosen.id}) on ${nasWords(target)}`),
      sent,
      answered,
    };
  } catch (failure) {
    if (isCancelled(failure)) {
      return {
        ...attempt(
          'cancelled',
          sent ? 'cancelled before the NAS answered the remove' : 'not sent: cancelled',
        ),
        sent,
        answered,
        failure: 'cancelled',
      };
    }
    // A `!trap` is an answer: the NAS heard the request and refused it.
    const failedAt = nasFailureOf(failure);
    answered ||= failedAt === 'rejected';
    // The client's messages already name the NAS as "RouterOS API at host:port".
    if (failure instanceof OperatorError) {
      return {
        path: 'routeros-api',
        outcome: 'failed',
        detail: failure.message,
        sent,
        answered,
        failure: failedAt,
      };
    }
    // Even a bug in this path must leave the operator the CoA fallback.
    return { ...attempt('failed', `unexpected error (${String(failure)})`), sent, answered };
  }
}

function noMatchingEntry(target: DisconnectTarget, active: PppActive[]): string {
  const nas = nasWords(target);
  if (active.length === 0) {
    return `no active session of ${target.username} on ${nas}`;
  }
  const entries = active.length;
  const found = `${entries} active ${entries === 1 ? 'session' : 'sessions'} of ${target.username} on ${nas}`;
  const row = [
    target.acctSessionId ? `session id ${target.acctSessionId}` : null,
    target.framedIp,
    target.mac,
  ].filter((value) => value !== null);
  return row.length > 0
    ? `${found}, none with ${row.join(' / ')}: the row may be stale (the subscriber reconnected)`
    : `${found} and no session id, IP or MAC in the row to tell which one`;
}

function attempt(outcome: DisconnectAttempt['outcome'], detail: string): DisconnectAttempt {
  return {
    path: 'routeros-api',
    outcome,
    detail: `RouterOS API: ${detail}`,
    sent: false,
    answered: false,
    failure: null,
  };
}
