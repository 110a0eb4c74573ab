import { OperatorError } from '../../operator-error';
import { sendDisconnect } from '../coa';
import { nasFailureOf } from '../nas-path-error';
import { nasWords, type DisconnectTarget, type NasAccess } from './disconnect-input';
import type { DisconnectAttempt } from './disconnect-report';
import type { DisconnectTiming } from './disconnect-timing';
import type { PathContext } from './try-routeros-api';

/**
 * Sends an RFC 5176 Disconnect-Request to the NAS's CoA port. Never throws. Cancel stops it
 * at once: no retransmission after it.
 */
export async function tryCoa(
  target: DisconnectTarget,
  access: NasAccess,
  timing: DisconnectTiming,
  { signal, health }: PathContext = {},
): Promise<DisconnectAttempt> {
  if (!access.coaSecret) {
    return attempt(
      'skipped',
      `not set up for NAS ${nasWords(target)} (no shared secret in Settings → NAS nor in FreeRADIUS's nas table)`,
    );
  }
  const givenUp = health?.verdict(target.nasIp, 'coa');
  if (givenUp) return attempt('skipped', `skipped — ${givenUp}`);
  if (signal?.aborted) {
    return { ...attempt('cancelled', 'not sent: cancelled'), failure: 'cancelled' };
  }
  try {
    const outcome = await sendDisconnect({
      nasAddress: target.nasIp,
      port: access.coaPort,
      secret: access.coaSecret,
      attributes: {
        userName: target.username,
        acctSessionId: target.acctSessionId,
        framedIp: target.framedIp,
        // Only without an IPv4: a NAS must match every identifying attribute it is sent
        // (RFC 5176 §3), and Acct-Session-Id with Framed-IP-Address already pin a dual-stack one.
        framedIpv6Prefix: target.framedIp === null ? (target.framedIpv6Prefix ?? null) : null,
        nasIp: target.nasIp,
      },
      tries: timing.coaTries,
      firstWaitMs: timing.coaFirstWaitMs,
      requireMessageAuthenticator: access.requireMessageAuthenticator,
      signal,
    });
    if (outcome.kind === 'ack') {
      return answered('ok', `Disconnect-ACK from ${target.nasIp}:${access.coaPort}`);
    }
    const cause = outcome.errorCause === null ? '' : ` (${outcome.errorCause})`;
    return {
      ...answered('failed', `Disconnect-NAK ${outcome.reason}${cause}`),
      failure: outcome.errorCause === sessionContextNotFound ? 'no-such-session' : 'rejected',
    };
  } catch (failure) {
    const failedAt = nasFailureOf(failure);
    const why =
      failure instanceof OperatorError ? failure.message : `unexpected error (${String(failure)})`;
    // An input the checks refused never left; everything else went out at least once.
    const sent = !(failure instanceof OperatorError && failure.code === 'INVALID_INPUT');
    return {
      ...attempt(failedAt === 'cancelled' ? 'cancelled' : 'failed', why),
      sent,
      failure: failedAt,
    };
  }
}

/** RFC 5176 Error-Cause 503: the NAS has no session matching the request. */
const sessionContextNotFound = 503;

function attempt(outcome: DisconnectAttempt['outcome'], detail: string): DisconnectAttempt {
  return {
    path: 'coa',
    outcome,
    detail: `CoA: ${detail}`,
    sent: false,
    answered: false,
    failure: null,
  };
}

function answered(outcome: DisconnectAttempt['outcome'], detail: string): DisconnectAttempt {
  return { ...attempt(outcome, detail), sent: true, answered: true };
}
