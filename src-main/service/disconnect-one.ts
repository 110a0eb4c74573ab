import type { DisconnectOutcome, ParsedInput } from '@contract';
import { anythingSent, disconnectSession } from '../nas/disconnect';
import { auditEntryFor, settleOutcome } from './disconnect-outcome';
import type { DeskContext } from './desk-context';
import { nasAccessFor } from './nas-access-for';
import { openSessionFor } from './open-session';
import { currentOperator } from './operator-identity';

/**
 * The Disconnect button: one session, RouterOS API then CoA (or the one path asked for), then
 * radacct is watched for its Accounting-Stop, which decides the outcome. Every disconnect
 * lands in the audit log.
 */
export async function disconnectOne(
  desk: DeskContext,
  { radacctId, via }: ParsedInput<'nas.disconnect'>,
): Promise<DisconnectOutcome> {
  const profileId = desk.active.profileId;
  const session = await openSessionFor(
    desk.active,
    desk.scope(),
    radacctId,
    (ended) =>
      `${ended.username}'s session on ${ended.nasIp} has already ended: there is nothing to ` +
      'disconnect. Refresh the table.',
  );
  const access = await desk.active.run((db) =>
    nasAccessFor(desk.store, db, profileId, session.nasIp),
  );
  const report = await disconnectSession(session, access, { via }, desk.disconnect.timing);
  // Nothing sent: one read says whether the session ended meanwhile, with no wait.
  const graceMs = anythingSent(report) ? desk.watcher.defaultGraceMs : 0;
  const reading = await desk.watcher.watch(profileId, radacctId, graceMs);
  const outcome = settleOutcome(session, report, reading, graceMs);
  desk.store.audit.record(
    profileId,
    auditEntryFor('disconnect', currentOperator(desk.active.connectedOperator), session, outcome),
  );
  return outcome;
}
