// "Disconnect this session?" for one session. The session is taken from the row when the
// operator clicks and kept whole: what the dialog names and what is disconnected is that
// radacct row, whatever a refresh does to the table meanwhile.
import type { SessionRow } from '@contract';

export class DisconnectConfirmation {
  /** The session the open confirmation names; null when it is closed. */
  session = $state.raw<SessionRow | null>(null);
  #disconnect: (session: SessionRow) => void;

  /** disconnect: what Confirm does with the session the dialog names. */
  constructor(disconnect: (session: SessionRow) => void) {
    this.#disconnect = disconnect;
  }

  ask(session: SessionRow): void {
    this.session = session;
  }

  /** Disconnect the session the dialog names, once: a second Enter finds nothing to confirm. */
  confirm(): void {
    const session = this.session;
    this.session = null;
    if (session !== null) this.#disconnect(session);
  }

  dismiss(): void {
    this.session = null;
  }
}
