import type { PppActive } from './ppp-active';

/** What the Sessions table knows about the session the operator wants to disconnect. */
export interface SessionRow {
  framedIp: string | null;
  mac: string | null;
}

/**
 * Chooses which of a subscriber's PPP sessions on the NAS is the one in the row: the one
 * with the row's framed IP, else the one with its MAC as caller-id. With a single entry
 * and nothing in the row to compare, that entry is it. When the row's IP or MAC matches
 * nothing, the row is stale (the subscriber reconnected): return null rather than kick a
 * newer session the operator did not choose.
 */
export function pickSessionToRemove(active: PppActive[], row: SessionRow): PppActive | null {
  const byAddress = row.framedIp
    ? active.find((entry) => entry.address === row.framedIp)
    : undefined;
  if (byAddress) return byAddress;
  const mac = row.mac ? macDigits(row.mac) : '';
  const byCallerId = mac
    ? active.find((entry) => entry.callerId !== null && macDigits(entry.callerId) === mac)
    : undefined;
  if (byCallerId) return byCallerId;
  const nothingToCompare = !row.framedIp && !row.mac;
  return nothingToCompare && active.length === 1 ? (active[0] ?? null) : null;
}

/** `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff` and `aabb.ccdd.eeff` are the same MAC. */
function macDigits(mac: string): string {
  return mac.toLowerCase().replace(/[^0-9a-f]/g, '');
}
