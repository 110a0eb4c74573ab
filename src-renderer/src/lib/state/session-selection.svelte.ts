// Which sessions on this page are ticked for a bulk disconnect. Only online sessions can
// be ticked, and only ones still on screen count: a ticked session that went offline or
// left the page is dropped, so "N selected" is always what the operator can see.
import { F, type SessionRow } from '@contract';
import { SvelteSet } from 'svelte/reactivity';
import { isOnline } from '../session-fields';

export class SessionSelection {
  /** radacct ids. A SvelteSet: ticking one row re-renders that row, not the page. */
  readonly ids = new SvelteSet<string>();

  get count(): number {
    return this.ids.size;
  }

  has(radacctId: string): boolean {
    return this.ids.has(radacctId);
  }

  toggle(session: SessionRow): void {
    if (!this.ids.delete(session[F.id]) && isOnline(session)) this.ids.add(session[F.id]);
  }

  /** Tick every online session of the page, or untick all when they already are. */
  toggleAll(rows: readonly SessionRow[]): void {
    const online = rows.filter(isOnline).map((session) => session[F.id]);
    const allTicked = online.length > 0 && online.every((id) => this.ids.has(id));
    this.ids.clear();
    if (!allTicked) for (const id of online) this.ids.add(id);
  }

  clear(): void {
    this.ids.clear();
  }

  /** Keep only ticks on sessions of this page that are still online. */
  keepOnly(rows: readonly SessionRow[]): void {
    if (this.ids.size === 0) return;
    // A lookup for this call only, not state: nothing renders from it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const stillThere = new Set(rows.filter(isOnline).map((session) => session[F.id]));
    for (const id of [...this.ids]) if (!stillThere.has(id)) this.ids.delete(id);
  }
}
