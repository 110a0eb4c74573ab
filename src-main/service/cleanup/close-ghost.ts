import type { GhostCloseOutcome } from '@contract';
import { OperatorError } from '../../operator-error';
import type { DeskContext } from '../desk-context';
import { cleanupAuditEntry } from './cleanup-audit';

/**
 * "Close in radacct" for a ghost: the NAS said it has no such session (RouterOS found none,
 * CoA NAK 503), so radacct's open row is what is wrong. The same write as the sweeper
 * (stop at the last interim, Lost-Carrier), for this one row under the operator's scope,
 * audited with the NAS's words. A row closed meanwhile is left as it is.
 */
export async function closeGhost(
  desk: DeskContext,
  radacctId: string,
  reason: string,
): Promise<GhostCloseOutcome> {
  const { active, store, scope } = desk;
  const profileId = active.profileId;
  return active.run(async (db) => {
    const session = await db.sessionToDisconnect(radacctId, scope());
    if (!session) {
      throw new OperatorError(
        'NOT_FOUND',
        `Session ${radacctId} is not in radacct (or not among the sessions you see): nothing was closed.`,
      );
    }
    if (session.stopped) {
      return {
        radacctId,
        closed: false,
        stopTime: null,
        message: `${session.username}'s session already has its Accounting-Stop: nothing was written.`,
      };
    }
    const [closed] = await db.closeLostSessions([radacctId], scope(), false);
    if (!closed) {
      return {
        radacctId,
        closed: false,
        stopTime: null,
        message:
          `${session.username}'s session was not closed: FreeRADIUS was writing it, or it ` +
          'closed meanwhile. Look at the row again.',
      };
    }
    store.audit.record(
      profileId,
      cleanupAuditEntry(db.operator, {
        action: 'ghost-close',
        username: closed.username,
        nasIp: closed.nasIp,
        acctSessionId: closed.acctSessionId,
        radacctId: closed.radacctId,
        detail:
          `Closed in radacct as a ghost (${reason.trim()}): Accounting-Stop written at ` +
          `${closed.stopTime}, Lost-Carrier.`,
      }),
    );
    return {
      radacctId,
      closed: true,
      stopTime: closed.stopTime,
      message:
        `Closed ${closed.username}'s ghost session in radacct (stop ${closed.stopTime}, ` +
        'Lost-Carrier).',
    };
  });
}
