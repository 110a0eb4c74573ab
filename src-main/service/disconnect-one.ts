import type { DisconnectOutcome, ParsedInput } from '@contract';
import { confirmDisconnect, disconnectSession } from '../nas/disconnect';
import { auditEntryFor, describeOutcome } from './disconnect-outcome';
import { describeFailure, stillOpenIn, type DisconnectDeps } from './disconnect-deps';
import { nasAccessFor } from './nas-access-for';
import { openSessionFor } from './open-session';
import { currentOperator } from './operator-identity';

/**
 * The Disconnect button: one session, RouterOS API then CoA (or the one path asked for),
 * then radacct is watched for the Accounting-Stop. Every attempt lands in the audit log.
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
  let outcome: DisconnectOutcome;
  try {
    const readStop = async () => !(await stillOpenIn(deps, profileId, [radacctId])).has(radacctId);
    outcome = describeOutcome(
      session,
      await confirmDisconnect(report, readStop, deps.settings.watch),
    );
  } catch (failure) {
    outcome = describeOutcome(session, report, describeFailure(failure));
  }
  deps.store.audit.record(
    profileId,
    auditEntryFor('disconnect', currentOperator(deps.active.connectedOperator), session, outcome),
  );
  return outcome;
}
