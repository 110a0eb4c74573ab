import type { OperatorScope } from '../operator-scope';
import { OperatorError } from '../operator-error';
import type { SessionToDisconnect } from '../radius-db';
import type { ActiveDatabase } from './active-database';

/**
 * The open session behind a row, for an action on it (disconnect, ping). A session outside
 * the scope reads as not found, like one that does not exist; an ended one is refused with
 * `whyNotEnded`, the action's own reason.
 */
export async function openSessionFor(
  active: ActiveDatabase,
  scope: OperatorScope,
  radacctId: string,
  whyNotEnded: (session: SessionToDisconnect) => string,
): Promise<SessionToDisconnect> {
  const session = await active.run((db) => db.sessionToDisconnect(radacctId, scope));
  if (!session) {
    throw new OperatorError(
      'NOT_FOUND',
      `Session ${radacctId} is not in radacct any more (or not visible to you). Refresh the page.`,
    );
  }
  if (session.stopped) throw new OperatorError('NOT_FOUND', whyNotEnded(session));
  return session;
}
