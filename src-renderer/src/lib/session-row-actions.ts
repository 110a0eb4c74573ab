// What a table row can ask of the page. One object for all rows, so a row costs no
// closures of its own (the table draws ~40 at a time, but a refresh redraws them all).
import type { SessionRow } from '@contract';

export interface SessionRowActions {
  toggleSelected(session: SessionRow): void;
  disconnect(session: SessionRow): void;
  /** Disconnect All: every open session of this row's username. */
  disconnectUser(session: SessionRow): void;
}
