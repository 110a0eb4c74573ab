import type { ReconcileRow, RouterEntry } from '@contract';
import { macDigits, pickSessionToRemove, type PppActive } from '../routeros';

export interface Comparison {
  ghosts: ReconcileRow[];
  unaccounted: RouterEntry[];
  mismatched: { row: ReconcileRow; entry: RouterEntry; differs: ('ip' | 'mac')[] }[];
}

/**
 * One NAS's `/ppp/active` against its open radacct rows. Each row is matched among the
 * router's entries of the same username exactly as a Disconnect picks its entry (session id
 * first, then framed IP, then MAC): a row with no entry is a ghost, an entry no row took is
 * unaccounted, and a matched pair whose address or MAC differ is mismatched.
 */
export function comparePppActive(
  router: readonly PppActive[],
  rows: readonly ReconcileRow[],
): Comparison {
  const byName = new Map<string, PppActive[]>();
  for (const entry of router) {
    const list = byName.get(entry.name) ?? [];
    list.push(entry);
    byName.set(entry.name, list);
  }
  const taken = new Set<PppActive>();
  const ghosts: ReconcileRow[] = [];
  const mismatched: Comparison['mismatched'] = [];
  for (const row of rows) {
    const free = (byName.get(row.username) ?? []).filter((entry) => !taken.has(entry));
    const entry = pickSessionToRemove(free, row);
    if (!entry) {
      ghosts.push(row);
      continue;
    }
    taken.add(entry);
    const differs: ('ip' | 'mac')[] = [];
    if (row.framedIp && entry.address && row.framedIp !== entry.address) differs.push('ip');
    if (row.mac && entry.callerId && macDigits(row.mac) !== macDigits(entry.callerId)) {
      differs.push('mac');
    }
    if (differs.length > 0) mismatched.push({ row, entry: routerEntry(entry), differs });
  }
  const unaccounted = router.filter((entry) => !taken.has(entry)).map(routerEntry);
  return { ghosts, unaccounted, mismatched };
}

function routerEntry(entry: PppActive): RouterEntry {
  return {
    name: entry.name,
    address: entry.address,
    callerId: entry.callerId,
    sessionId: entry.sessionId,
  };
}
