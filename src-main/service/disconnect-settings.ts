import type { DisconnectEachOptions, DisconnectTiming } from '../nas/disconnect';
import { OperatorError } from '../operator-error';
import type { StopWatchTiming } from './accounting-stop-watcher';
import type { DeskContext } from './desk-context';

/** Timings a deployment (or a test) may shorten; the defaults suit a NAS across a WAN. */
export interface DisconnectSettings {
  timing?: Partial<DisconnectTiming>;
  /** How long radacct is watched for the Accounting-Stop, and how often it is read. */
  watch?: Partial<StopWatchTiming>;
  concurrency?: DisconnectEachOptions['concurrency'];
  perNasConcurrency?: DisconnectEachOptions['perNasConcurrency'];
}

/**
 * The Accounting-Stops of these sessions, read from the profile the disconnect started on:
 * after a profile switch the answer would come from another database, so none is given.
 */
export async function readStopsIn(
  desk: Pick<DeskContext, 'active' | 'work'>,
  profileId: number,
  radacctIds: string[],
): Promise<Map<string, string | null>> {
  if (desk.work.closing) {
    throw new OperatorError('INTERNAL', 'Session Desk closed before it could check radacct');
  }
  if (desk.active.profileId !== profileId) {
    throw new OperatorError(
      'NO_PROFILE',
      'the profile was switched, so radacct of the original database is no longer read',
    );
  }
  return desk.active.run((db) => db.sessionStops(radacctIds));
}
