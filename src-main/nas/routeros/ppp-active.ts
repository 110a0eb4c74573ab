/** One entry of `/ppp/active` on a MikroTik NAS: a subscriber's live PPP session. */
export interface PppActive {
  /** RouterOS's internal id, e.g. `*1A`: what `/ppp/active/remove` takes. */
  id: string;
  name: string;
  address: string | null;
  callerId: string | null;
}

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
  };
}
