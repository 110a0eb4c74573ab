import type { DisconnectEachOptions, DisconnectTiming, StopWatch } from '../nas/disconnect';
import type { LocalStore } from '../local-store';
import type { OperatorScope } from '../operator-scope';
import { OperatorError } from '../operator-error';
import type { ActiveDatabase } from './active-database';
import type { EventHub } from './event-hub';
import type { PendingWork } from './pending-work';

/** Timings a deployment (or a test) may shorten; the defaults suit a NAS across a WAN. */
export interface DisconnectSettings {
  timing?: Partial<DisconnectTiming>;
  /** How long a NAS gets to send its Accounting-Stop after acknowledging. */
  watch?: StopWatch;
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
}

/**
 * Which of these sessions radacct still shows open, read from the profile the disconnect
 * started on: after a profile switch the answer would come from another database.
 */
export async function stillOpenIn(
  deps: DisconnectDeps,
  profileId: number,
  radacctIds: string[],
): Promise<Set<string>> {
  if (deps.work.closing) {
    throw new OperatorError('INTERNAL', 'Session Desk closed before it could check radacct');
  }
  if (deps.active.profileId !== profileId) {
    throw new OperatorError(
      'NO_PROFILE',
      'the profile was switched, so radacct of the original database is no longer read',
    );
  }
  return deps.active.run((db) => db.sessionsStillOpen(radacctIds));
}

export function describeFailure(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
