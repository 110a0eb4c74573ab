// Single-session disconnects from the table. One can take ~22 s for the NAS plus ~10 s for
// the Accounting-Stop, so each runs on its own: the row says "Disconnecting…", the rest of
// the page keeps working, and a toast tells how it ended, as radacct decided it.
import {
  F,
  type DisconnectOutcome,
  type DisconnectPath,
  type DisconnectVia,
  type SessionRow,
} from '@contract';
import { SvelteSet } from 'svelte/reactivity';
import {
  failureText,
  nasLabel,
  otherPath,
  outcomeDetail,
  outcomeHeadline,
  pathLabels,
} from '../disconnect-words';
import { request } from '../request';
import { operatorPermissions } from './operator-permissions.svelte';
import type { Toasts } from './toasts.svelte';

export class SessionDisconnects {
  /** radacct ids with a disconnect in flight. */
  readonly inFlight = new SvelteSet<string>();
  #toasts: Toasts;
  #onSessionsChanged: () => void;

  /** onSessionsChanged: re-read the table and stats (a session went, or may have). */
  constructor(toasts: Toasts, onSessionsChanged: () => void) {
    this.#toasts = toasts;
    this.#onSessionsChanged = onSessionsChanged;
  }

  async disconnect(session: SessionRow, via: DisconnectVia = 'auto'): Promise<void> {
    const radacctId = session[F.id];
    const username = session[F.username];
    if (this.inFlight.has(radacctId)) return;
    this.inFlight.add(radacctId);
    try {
      const result = await request('nas.disconnect', { radacctId, via });
      if (!result.ok) {
        this.#toasts.show({
          tone: 'danger',
          title: failureText(result.error.message),
          detail: `${username} on NAS ${session[F.nasIp]}`,
        });
        return;
      }
      const outcome = result.data;
      if (outcome.result === 'still-online' && outcome.path) {
        this.#offerOtherPath(session, outcome.path, nasLabel(outcome));
        return;
      }
      if (outcome.ghost) {
        this.#offerGhostClose(outcome);
        return;
      }
      this.#toasts.show({
        tone: outcome.result === 'done' ? 'success' : 'danger',
        title: outcomeHeadline(outcome),
        detail: outcomeDetail(outcome),
      });
    } finally {
      this.inFlight.delete(radacctId);
      this.#onSessionsChanged();
    }
  }

  /** The NAS has no such session: offer to end the ghost row in radacct (sessions.cleanup). */
  #offerGhostClose(outcome: DisconnectOutcome): void {
    const nas = nasLabel(outcome);
    const reason = outcome.attempts
      .filter((attempt) => attempt.outcome === 'failed')
      .map((attempt) => attempt.detail)
      .join('; ');
    this.#toasts.show({
      tone: 'warning',
      title: `Ghost: NAS ${nas} has no such session`,
      detail:
        `radacct still shows ${outcome.username} open on ${nas}. ${reason}.` +
        (operatorPermissions.canCleanup
          ? ''
          : ' Closing it in radacct needs the permission sessions.cleanup.'),
      actions: operatorPermissions.canCleanup
        ? [
            {
              label: 'Close in radacct',
              testid: 'toast-close-ghost',
              run: () => void this.closeGhost(outcome.radacctId, outcome.username, reason),
            },
          ]
        : [],
    });
  }

  /** Same write as the sweeper, for this one row; main checks the permission and audits it. */
  async closeGhost(radacctId: string, username: string, reason: string): Promise<void> {
    const result = await request('cleanup.closeGhost', {
      id: radacctId,
      reason: `NAS said: ${reason}`.slice(0, 300),
    });
    this.#toasts.show(
      result.ok
        ? {
            tone: result.data.closed ? 'success' : 'warning',
            title: result.data.closed ? `Closed ${username} in radacct` : 'Nothing closed',
            detail: result.data.message,
          }
        : { tone: 'danger', title: failureText(result.error.message), detail: username },
    );
    this.#onSessionsChanged();
  }

  #offerOtherPath(session: SessionRow, acknowledged: DisconnectPath, nas: string): void {
    const other = otherPath(acknowledged);
    this.#toasts.show({
      tone: 'warning',
      title: 'NAS acknowledged, session still open',
      detail:
        `${session[F.username]} on NAS ${nas}: the ${pathLabels[acknowledged]} ` +
        'answered, but no Accounting-Stop reached radacct.',
      actions: [
        {
          label: `Try ${pathLabels[other]}`,
          testid: 'toast-try-other-path',
          run: () => void this.disconnect(session, other),
        },
      ],
    });
  }
}
