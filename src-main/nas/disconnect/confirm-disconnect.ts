import type { DisconnectPath, DisconnectReport } from './disconnect-report';
import { watchForStop, type StopWatch } from './watch-for-stop';

/** A disconnect as the operator should see it once radacct has had its say. */
export type ConfirmedDisconnect =
  | DisconnectReport
  | {
      result: 'still-online';
      /** The path the NAS acknowledged; the other one is worth a try. */
      path: DisconnectPath;
      reason: string;
      attempts: DisconnectReport['attempts'];
    };

/**
 * A NAS's "done" is only a promise: the session is gone when its Accounting-Stop is
 * recorded. A failed report is returned as it is.
 */
export async function confirmDisconnect(
  report: DisconnectReport,
  readStop: () => Promise<boolean>,
  watch: StopWatch = {},
): Promise<ConfirmedDisconnect> {
  if (report.result !== 'done') return report;
  if ((await watchForStop(readStop, watch)) === 'stopped') return report;
  return {
    result: 'still-online',
    path: report.path,
    reason: 'NAS acknowledged, session still open',
    attempts: report.attempts,
  };
}
