// A disconnect's outcome in the words a toast and the bulk result list use.
import type { DisconnectOutcome, DisconnectPath, DisconnectResult } from '@contract';

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

/** "Disconnect failed: …" whether or not main already said "Disconnect failed". */
export function failureText(reason: string): string {
  return /^disconnect failed/i.test(reason) ? reason : `Disconnect failed: ${reason}`;
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
      return failureText(outcome.message);
  }
}
