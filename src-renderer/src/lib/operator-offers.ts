// The one place the page maps the operator's permissions to what it offers. Main refuses
// anything missing whatever the page shows; this only keeps the page from offering it.
import type { OperatorIdentity, Permission } from '@contract';
import type { DeskPage } from './desk-pages';

/** The permission each page needs before it loads. */
export const pageNeeds: Record<DeskPage, Permission> = {
  sessions: 'sessions.view',
  health: 'sessions.view',
  // Anyone who watches sessions sees the threshold and who sweeps; changing them needs
  // sessions.cleanup, which main checks on every write.
  stale: 'sessions.view',
  subscriber: 'sessions.view',
  audit: 'sessions.view',
  // NAS logins and secrets serve disconnects only.
  nas: 'subscribers.disconnect',
  // A token reads what the operator reads: without sessions.view it would answer nothing.
  automation: 'sessions.view',
  database: 'sessions.view',
};

export interface OperatorOffers {
  /** The permission a page lacks, or null when it may load. */
  missingFor(page: DeskPage): Permission | null;
  /** Disconnect, Disconnect all, tick boxes and the bulk bar, on every page. */
  disconnect: boolean;
  /** Writes to radacct: Close in radacct for a ghost, the sweeper's switch and preview. */
  cleanup: boolean;
}

/**
 * What the page offers this operator. Unknown (null: main has not said, or the database has
 * not answered since the app started): pages load and say what main answers; Disconnect
 * stays hidden until main says it is granted.
 */
export function operatorOffers(identity: OperatorIdentity | null): OperatorOffers {
  const granted = new Set<Permission>(identity?.permissions ?? []);
  return {
    missingFor: (page) =>
      identity === null || granted.has(pageNeeds[page]) ? null : pageNeeds[page],
    disconnect: granted.has('subscribers.disconnect'),
    cleanup: granted.has('sessions.cleanup'),
  };
}
