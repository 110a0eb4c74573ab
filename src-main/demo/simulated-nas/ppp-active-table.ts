/** One row of `/ppp/active`; text is UTF-8, as RADIUS and PPPoE see it. */
export interface PppActiveSession {
  id: string;
  name: string;
  address: string;
  callerId: string;
  /**
   * As RouterOS shows it, `0x81A00003`: the Acct-Session-Id it sends in accounting
   * (`81a00003`) as a hex number. Absent: shown empty, as an older RouterOS might.
   */
  sessionId?: string;
}

/**
 * Where the API server reads and ends sessions: an array in a test, radacct in the demo.
 * Async because the demo's table lives in PostgreSQL.
 */
export interface PppActiveTable {
  /** The rows a print considers before its queries filter them: one user's, or all. */
  candidates(name: string | undefined): Promise<PppActiveSession[]>;
  /** Ends the session with this `.id`; null when there is no such row. */
  remove(id: string): Promise<PppActiveSession | null>;
}

/** Every property of a row, in the order RouterOS prints them, with their wire names. */
function pppSessionProperties(session: PppActiveSession): [string, string][] {
  return [
    ['.id', session.id],
    ['name', session.name],
    ['service', 'pppoe'],
    ['caller-id', session.callerId],
    ['address', session.address],
    ['uptime', '1h2m3s'],
    ['encoding', ''],
    ['session-id', session.sessionId ?? ''],
    ['limit-bytes-in', '0'],
    ['limit-bytes-out', '0'],
    ['radius', 'true'],
  ];
}

/**
 * The words of one `!re` row. With `.proplist` only the properties asked for are sent, as
 * RouterOS does; without, all of them.
 */
export function pppSessionWords(
  session: PppActiveSession,
  proplist: readonly string[] | null = null,
): string[] {
  return pppSessionProperties(session)
    .filter(([property]) => proplist === null || proplist.includes(property))
    .map(([property, value]) => `=${property}=${value}`);
}

/**
 * The value of a property as RouterOS compares it: bytes, not characters. A query for a name
 * matches only when the bytes are the same, as on a real router.
 */
export function pppSessionProperty(session: PppActiveSession, property: string): Buffer | null {
  const found = pppSessionProperties(session).find(([name]) => name === property);
  return found ? Buffer.from(found[1], 'utf8') : null;
}
