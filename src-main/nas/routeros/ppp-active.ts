/** One entry of `/ppp/active` on a MikroTik NAS: a subscriber's live PPP session. */
export interface PppActive {
  /** RouterOS's internal id, e.g. `*1A`: what `/ppp/active/remove` takes. */
  id: string;
  name: string;
  address: string | null;
  callerId: string | null;
  /**
   * RouterOS's session id as it shows it, e.g. `0x81A00003`: the number the NAS sends as
   * Acct-Session-Id (`81a00003`) in its accounting. Null when the NAS does not show one.
   */
  sessionId: string | null;
}

/**
 * The only properties a disconnect reads: `.proplist` keeps the NAS from sending the rest
 * (limits, encoding, uptime…) for every session of the user.
 */
export const pppActiveProperties = ['.id', 'name', 'address', 'caller-id', 'session-id'] as const;

/** Reads one `!re` row of `/ppp/active/print`; RouterOS leaves out or blanks unknown values. */
export function pppActiveFromReply(row: Record<string, unknown>): PppActive {
  const text = (key: string): string | null => {
    const value = row[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return {
    id: text('.id') ?? '',
    name: text('name') ?? '',
    address: text('address'),
    callerId: text('caller-id'),
    sessionId: text('session-id'),
  };
}
