import type { DisconnectOutcome, ParsedInput } from '@contract';
import { anythingSent, disconnectSession } from '../nas/disconnect';
import type { OperatorScope } from '../operator-scope';
import { sentences } from '../sentences';
import { auditEntryFor, settleOutcome } from './disconnect-outcome';
import type { DeskContext } from './desk-context';
import { nasAccessFor } from './nas-access-for';
import { openSessionFor } from './open-session';
import { currentOperator } from './operator-identity';

/**
 * Who asks for a disconnect besides the connected operator: an Automation API token, with
 * the scope it was narrowed to. Left out, it is the operator at the screen.
 */
export interface DisconnectAsker {
  scope: OperatorScope;
  apiToken: string;
}

/**
 * The Disconnect button: one session, RouterOS API then CoA (or the one path asked for), then
 * radacct is watched for its Accounting-Stop, which decides the outcome. Every disconnect
 * lands in the audit log. The Automation API's disconnect runs this same pipeline.
 */
export async function disconnectOne(
  desk: DeskContext,
  { radacctId, via }: ParsedInput<'nas.disconnect'>,
  asker: DisconnectAsker | null = null,
): Promise<DisconnectOutcome> {
  const profileId = desk.active.profileId;
  const session = await openSessionFor(
    desk.active,
    asker?.scope ?? desk.scope(),
    radacctId,
    (ended) =>
      sentences(
        `${ended.username}'s session on ${ended.nasIp} has already ended: there is nothing to disconnect`,
        asker ? null : 'Refresh the table',
      ),
  );
  const access = await desk.active.run((db) =>
    nasAccessFor(desk.store, db, profileId, session.nasIp),
  );
  const report = await disconnectSession(session, access, { via }, desk.disconnect.timing);
  // Nothing sent: one read says whether the session ended meanwhile, with no wait.
  const graceMs = anythingSent(report) ? desk.watcher.defaultGraceMs : 0;
  const reading = await desk.watcher.watch(profileId, radacctId, graceMs);
  const outcome = settleOutcome(session, report, reading, graceMs);
  const operator = currentOperator(desk.active.connectedOperator, asker?.apiToken ?? null);
  desk.store.audit.record(profileId, auditEntryFor('disconnect', operator, session, outcome));
  return outcome;
}
