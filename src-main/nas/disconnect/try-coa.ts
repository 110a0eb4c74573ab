import { OperatorError } from '../../operator-error';
import { sendDisconnect } from '../coa';
import type { DisconnectTarget, NasAccess } from './disconnect-input';
import type { DisconnectAttempt } from './disconnect-report';
import type { DisconnectTiming } from './disconnect-timing';

/** Sends an RFC 5176 Disconnect-Request to the NAS's CoA port. Never throws. */
export async function tryCoa(
  target: DisconnectTarget,
  access: NasAccess,
  timing: DisconnectTiming,
): Promise<DisconnectAttempt> {
  if (!access.coaSecret) {
    return attempt('skipped', `no shared secret set for ${target.nasIp}`);
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
        nasIp: target.nasIp,
      },
      tries: timing.coaTries,
      firstWaitMs: timing.coaFirstWaitMs,
    });
    if (outcome.kind === 'ack') {
      return attempt('ok', `Disconnect-ACK from ${target.nasIp}:${access.coaPort}`);
    }
    const cause = outcome.errorCause === null ? '' : ` (${outcome.errorCause})`;
    return attempt('failed', `Disconnect-NAK ${outcome.reason}${cause}`);
  } catch (failure) {
    const why =
      failure instanceof OperatorError ? failure.message : `unexpected error (${String(failure)})`;
    return attempt('failed', why);
  }
}

function attempt(outcome: DisconnectAttempt['outcome'], detail: string): DisconnectAttempt {
  return { path: 'coa', outcome, detail: `CoA: ${detail}` };
}
