import type { DisconnectEachOptions, DisconnectTiming } from '../nas/disconnect';
import type { LocalStore } from '../local-store';
import type { OperatorScope } from '../operator-scope';
import { OperatorError } from '../operator-error';
import type { AccountingStopWatcher, StopWatchTiming } from './accounting-stop-watcher';
import type { ActiveDatabase } from './active-database';
import type { DispatchLog } from './dispatch';
import type { EventHub } from './event-hub';
import type { PendingWork } from './pending-work';

/** Timings a deployment (or a test) may shorten; the defaults suit a NAS across a WAN. */
export interface DisconnectSettings {
  timing?: Partial<DisconnectTiming>;
  /** How long radacct is watched for the Accounting-Stop, and how often it is read. */
  watch?: Partial<StopWatchTiming>;
  concurrency?: DisconnectEachOptions['concurrency'];
  perNasConcurrency?: DisconnectEachOptions['perNasConcurrency'];
}

/** What the disconnect handlers need from the service. */
export interface DisconnectDeps {
  store: LocalStore;
  active: ActiveDatabase;
  scope: () => OperatorScope;
  events: EventHub;
  settings: DisconnectSettings;
  work: PendingWork;
  /** The one radacct watcher, shared by single and bulk disconnects. */
  watcher: AccountingStopWatcher;
  log: DispatchLog;
}

/**
 * The Accounting-Stops of these sessions, read from the profile the disconnect started on:
 * after a profile switch the answer would come from another database, so none is given.
 */
export async function readStopsIn(
  deps: Pick<DisconnectDeps, 'active' | 'work'>,
  profileId: number,
  radacctIds: string[],
): Promise<Map<string, string | null>> {
  if (deps.work.closing) {
    throw new OperatorError('INTERNAL', 'Session Desk closed before it could check radacct');
  }
  if (deps.active.profileId !== profileId) {
    throw new OperatorError(
      'NO_PROFILE',
      'the profile was switched, so radacct of the original database is no longer read',
    );
  }
  return deps.active.run((db) => db.sessionStops(radacctIds));
}
