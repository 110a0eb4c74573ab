import type { DisconnectOutcome, DisconnectRun } from '@contract';

type Tally = Pick<
  DisconnectRun,
  'done' | 'stillOnline' | 'failed' | 'cancelled' | 'sessionsOpen' | 'answered' | 'sent'
>;

/**
 * A run's counts, derived from its outcomes every time: the tallies can never drift from the
 * list the operator reads, whatever order the outcomes came in.
 */
export function tallyOutcomes(outcomes: readonly DisconnectOutcome[]): Tally {
  const tally: Tally = {
    done: 0,
    stillOnline: 0,
    failed: 0,
    cancelled: 0,
    sessionsOpen: 0,
    answered: 0,
    sent: 0,
  };
  for (const outcome of outcomes) {
    if (outcome.result === 'done') tally.done += 1;
    else if (outcome.result === 'still-online') tally.stillOnline += 1;
    else if (outcome.result === 'failed') tally.failed += 1;
    else tally.cancelled += 1;
    if (outcome.sessionOpen === true) tally.sessionsOpen += 1;
    if (outcome.answered) tally.answered += 1;
    if (outcome.sent) tally.sent += 1;
  }
  return tally;
}
