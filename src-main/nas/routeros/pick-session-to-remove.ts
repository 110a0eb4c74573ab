import type { PppActive } from './ppp-active';

/** What the Sessions table knows about the session the operator wants to disconnect. */
export interface SessionRow {
  /** The Acct-Session-Id radacct holds for the row; '' when it has none. */
  acctSessionId: string;
  framedIp: string | null;
  mac: string | null;
}

/**
 * Chooses which of a subscriber's PPP sessions on the NAS is the one in the row.
 *
 * 1. By session id: RouterOS shows `session-id=0x81A00003` and sends the same number as
 *    Acct-Session-Id `81a00003`, so they compare as hex numbers (case and `0x` aside). When
 *    the NAS shows session ids and the row holds one in that form but none matches, the row
 *    is stale (the subscriber reconnected into a new session): null, even if the new session
 *    got the same address.
 * 2. By framed IP, then by MAC as caller-id, for a NAS that shows no session id.
 * 3. With a single entry and nothing in the row to compare, that entry is it.
 *
 * Null rather than a guess: kicking a session the operator did not choose is the one outcome
 * worse than not disconnecting.
 */
export function pickSessionToRemove(active: PppActive[], row: SessionRow): PppActive | null {
  const rowSessionId = routerOsSessionNumber(row.acctSessionId);
  if (rowSessionId !== null) {
    const bySessionId = active.find(
      (entry) => routerOsSessionNumber(entry.sessionId ?? '') === rowSessionId,
    );
    if (bySessionId) return bySessionId;
    const everyEntryHasOne = active.length > 0 && active.every((entry) => entry.sessionId);
    if (everyEntryHasOne) return null;
  }
  const byAddress = row.framedIp
    ? active.find((entry) => entry.address === row.framedIp)
    : undefined;
  if (byAddress) return byAddress;
  const mac = row.mac ? macDigits(row.mac) : '';
  const byCallerId = mac
    ? active.find((entry) => entry.callerId !== null && macDigits(entry.callerId) === mac)
    : undefined;
  if (byCallerId) return byCallerId;
  const nothingToCompare = !row.framedIp && !row.mac && rowSessionId === null;
  return nothingToCompare && active.length === 1 ? (active[0] ?? null) : null;
}

/**
 * A RouterOS session id as a number in lower-case hex without leading zeros, from either
 * spelling (`0x81A00003`, `81a00003`); null for anything that is not 1–8 hex digits, which no
 * RouterOS session id is.
 */
export function routerOsSessionNumber(text: string): string | null {
  const digits = text.trim().replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{1,8}$/.test(digits)) return null;
  return digits.replace(/^0+(?=.)/, '');
}

/** `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff` and `aabb.ccdd.eeff` are the same MAC. */
export function macDigits(mac: string): string {
  return mac.toLowerCase().replace(/[^0-9a-f]/g, '');
}
