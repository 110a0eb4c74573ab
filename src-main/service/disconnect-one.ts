import type { DisconnectOutcome, ParsedInput } from '@contract';
import { anythingSent, disconnectSession } from '../nas/disconnect';
import { auditEntryFor, settleOutcome } from './disconnect-outcome';
import type { DisconnectDeps } from './disconnect-deps';
import { nasAccessFor } from './nas-access-for';
import { openSessionFor } from './open-session';
import { currentOperator } from './operator-identity';

/**
 * The Disconnect button: one session, RouterOS API then CoA (or the one path asked for), then
 * radacct is watched for its Accounting-Stop, which decides the outcome. Every disconnect
 * lands in the audit log.
 */
export async function disconnectOne(
  deps: DisconnectDeps,
  { radacctId, via }: ParsedInput<'nas.disconnect'>,
): Promise<DisconnectOutcome> {
  const profileId = deps.active.profileId;
  const session = await openSessionFor(
    deps.active,
    deps.scope(),
    radacctId,
    (ended) =>
      `${ended.username}'s session on ${ended.nasIp} has already ended: there is nothing to ` +
      'disconnect. Refresh the table.',
  );
  const access = await deps.active.run((db) =>
    nasAccessFor(deps.store, db, profileId, session.nasIp),
  );
  const report = await disconnectSession(session, access, { via }, deps.settings.timing);
  // Nothing sent: one read says whether the session ended meanwhile, with no wait.
  const graceMs = anythingSent(report) ? deps.watcher.defaultGraceMs : 0;
  const reading = await deps.watcher.watch(profileId, radacctId, graceMs);
  const outcome = settleOutcome(session, report, reading, graceMs);
  deps.store.audit.record(
    profileId,
    auditEntryFor('disconnect', currentOperator(deps.active.connectedOperator), session, outcome),
  );
  return outcome;
}
