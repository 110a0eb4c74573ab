// The rows the session table draws, held still while the operator is on them. A refresh
// that adds, drops or re-sorts sessions would otherwise move a different subscriber under
// a pointer about to click Disconnect. While held, rows that stay take their new values in
// place (octets, duration, last update); sessions that came, went or moved wait behind
// "N changes — show" until the hold ends or the operator asks for them.
import { F, type SessionRow } from '@contract';

/* eslint-disable svelte/prefer-svelte-reactivity --
   Sets and maps here are lookups for one call, or replaced whole through $state.raw: none
   is changed once the table can see it. */

/** Why the table holds still: the pointer is on it, the keyboard is in it, or a confirmation names one of its rows. */
export type HoldReason = 'pointer' | 'keyboard' | 'confirmation' | 'menu';

/** What releasing the hold would change on screen. */
export interface HeldChanges {
  /** Sessions in the last read that are not on screen (under the default sort: new ones, at the top). */
  added: number;
  /** Rows on screen the last read no longer has: ended, or moved to another page. */
  gone: number;
  /** Rows that stay but would take another place (the sort column changed). */
  moved: number;
}

const noChanges: HeldChanges = { added: 0, gone: 0, moved: 0 };
const noIds: ReadonlySet<string> = new Set();

export class HeldPage {
  /** The rows on screen; replaced whole. */
  rows = $state.raw<readonly SessionRow[]>([]);
  /**
   * radacct ids of rows on screen that the last read no longer has. They are drawn as they
   * were, without Disconnect: the session has ended or left this page.
   */
  gone = $state.raw<ReadonlySet<string>>(noIds);
  changes = $state.raw<HeldChanges>(noChanges);
  #reasons = $state.raw<ReadonlySet<HoldReason>>(new Set());
  /** The last read, shown as soon as the hold ends. */
  #latest: readonly SessionRow[] = [];
  /** Which list the rows on screen belong to (filter, sort, page). */
  #view: number | null = null;

  get holding(): boolean {
    return this.#reasons.size > 0;
  }

  /** How many differences wait behind the bar. */
  get pending(): number {
    return this.changes.added + this.changes.gone + this.changes.moved;
  }

  /**
   * A read arrived. `view` says which list it is: another one (the operator changed the
   * filter, sort, search or page) is shown at once, whatever holds the table.
   */
  receive(rows: readonly SessionRow[], view: number): void {
    this.#latest = rows;
    if (!this.holding || view !== this.#view || this.rows.length === 0) {
      this.#view = view;
      this.#show(rows);
      return;
    }
    // The rows on screen in their places, each with its newest values when it is still there.
    const latestById = new Map(rows.map((session) => [session[F.id], session]));
    const gone = new Set<string>();
    const kept: SessionRow[] = [];
    const held = this.rows.map((session) => {
      const newer = latestById.get(session[F.id]);
      if (newer === undefined) {
        gone.add(session[F.id]);
        return session;
      }
      kept.push(newer);
      return newer;
    });
    const onScreen = new Set(this.rows.map((session) => session[F.id]));
    this.rows = held;
    this.gone = gone.size === 0 ? noIds : gone;
    this.changes = {
      added: rows.filter((session) => !onScreen.has(session[F.id])).length,
      gone: gone.size,
      moved: movedCount(kept, rows),
    };
  }

  /** Start or stop one reason to hold; when the last one stops, the last read is shown. */
  hold(reason: HoldReason, on: boolean): void {
    if (this.#reasons.has(reason) === on) return;
    const reasons = new Set(this.#reasons);
    if (on) reasons.add(reason);
    else reasons.delete(reason);
    this.#reasons = reasons;
    if (reasons.size === 0) this.release();
  }

  /** Show the last read now ("N changes — show"); the table holds again from the next read. */
  release(): void {
    this.#show(this.#latest);
  }

  #show(rows: readonly SessionRow[]): void {
    this.rows = rows;
    this.gone = noIds;
    this.changes = noChanges;
  }
}

/**
 * How many of the rows that stay would change place: those outside the longest run that
 * keeps its order from the screen to the last read (one row sorted to the top moves one
 * row, not every row it passes).
 */
function movedCount(
  keptInScreenOrder: readonly SessionRow[],
  latest: readonly SessionRow[],
): number {
  const latestPlace = new Map(latest.map((session, place) => [session[F.id], place]));
  // Patience sorting: tails[k] is the smallest last place of an ordered run of length k + 1.
  const tails: number[] = [];
  for (const session of keptInScreenOrder) {
    const place = latestPlace.get(session[F.id]) ?? 0;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((tails[middle] ?? 0) < place) low = middle + 1;
      else high = middle;
    }
    tails[low] = place;
  }
  return keptInScreenOrder.length - tails.length;
}
