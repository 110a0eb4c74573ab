// Single-session disconnects from the table. One can take ~22 s for the NAS plus ~10 s for
// the Accounting-Stop, so each runs on its own: the row says "Disconnecting…", the rest of
// the page keeps working, and a toast tells how it ended, as radacct decided it.
import { F, type DisconnectPath, type DisconnectVia, type SessionRow } from '@contract';
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
