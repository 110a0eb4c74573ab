// A disconnect's outcome in the words a toast, the bulk dialog and the result list use.
import type { DisconnectOutcome, DisconnectPath, DisconnectResult, DisconnectRun } from '@contract';
import { formatCount, formatLocalClock } from './format';
import { nasEntryLabel } from './session-fields';

export const pathLabels: Record<DisconnectPath, string> = {
  'routeros-api': 'RouterOS API',
  coa: 'CoA',
};

export const resultLabels: Record<DisconnectResult, string> = {
  done: 'disconnected',
  'still-online': 'still online',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The path worth trying after a NAS acknowledged but the session stayed open. */
export const otherPath = (path: DisconnectPath): DisconnectPath =>
  path === 'coa' ? 'routeros-api' : 'coa';

/** "bng-east (127.0.10.7)", or the address alone when the NAS has no name. */
export function nasLabel(nas: { nasIp: string; nasName: string | null }): string {
  return nasEntryLabel({ nasIp: nas.nasIp, name: nas.nasName });
}

/** "Disconnect failed: …" whether or not main already said "Disconnect failed". */
export function failureText(reason: string): string {
  return /^disconnect failed/i.test(reason) ? reason : `Disconnect failed: ${reason}`;
}

/**
 * The line under a toast's headline: for a disconnect the NAS acknowledged, where and when
 * radacct saw it end; otherwise main's message, which says why (a lost reply, each path's
 * reason).
 */
export function outcomeDetail(outcome: DisconnectOutcome): string {
  if (outcome.result === 'done' && outcome.path && outcome.stoppedAt) {
    return `On ${nasLabel(outcome)}; Accounting-Stop at ${formatLocalClock(outcome.stoppedAt)}.`;
  }
  return outcome.message;
}

/** The headline of a toast about one session. */
export function outcomeHeadline(outcome: DisconnectOutcome): string {
  switch (outcome.result) {
    case 'done':
      return outcome.path
        ? `Disconnected ${outcome.username} via ${pathLabels[outcome.path]}`
        : `Disconnected ${outcome.username}`;
    case 'still-online':
      return 'NAS acknowledged, session still open';
    case 'cancelled':
      return `Disconnect of ${outcome.username} cancelled`;
    case 'failed':
      return `Disconnect of ${outcome.username} failed`;
  }
}

const sessionsWord = (count: number): string =>
  `${formatCount(count)} ${count === 1 ? 'session' : 'sessions'}`;

/** The line over a bulk run's progress bar: where it is, and how many the NAS answered. */
export function runStateText(run: DisconnectRun): string {
  const settled = run.total - run.pending - run.unconfirmed;
  const answered = `the NAS answered ${formatCount(run.answered)} of ${sessionsWord(run.total)}`;
  switch (run.state) {
    case 'running':
      return (
        `Disconnecting… ${formatCount(settled)} of ${sessionsWord(run.total)} settled; ` +
        `the NAS answered ${formatCount(run.answered)} so far`
      );
    case 'cancelling':
      return 'Cancelling: nothing more is sent; radacct is read for the sessions already sent…';
    case 'confirming':
      return `Every request has been answered or has timed out; waiting for the Accounting-Stops of ${sessionsWord(run.unconfirmed)} in radacct…`;
    case 'finished':
      return `Finished: ${answered}`;
    case 'cancelled': {
      const notSent = run.total - run.sent;
      return `Cancelled: ${answered} before Cancel; ${formatCount(notSent)} ${notSent === 1 ? 'was' : 'were'} not sent`;
    }
  }
}
