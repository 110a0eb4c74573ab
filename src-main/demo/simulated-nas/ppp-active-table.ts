/** One row of `/ppp/active`; text is UTF-8, as RADIUS and PPPoE see it. */
export interface PppActiveSession {
  id: string;
  name: string;
  address: string;
  callerId: string;
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

/** The words of one `!re` row, with the property names RouterOS uses on the wire. */
export function pppSessionWords(session: PppActiveSession): string[] {
  return [
    `=.id=${session.id}`,
    `=name=${session.name}`,
    '=service=pppoe',
    `=caller-id=${session.callerId}`,
    `=address=${session.address}`,
    '=uptime=1h2m3s',
  ];
}

/**
 * The value of a property as RouterOS compares it: bytes, not characters. A query for a name
 * matches only when the bytes are the same, as on a real router.
 */
export function pppSessionProperty(session: PppActiveSession, property: string): Buffer | null {
  const text =
    property === '.id'
      ? session.id
      : property === 'name'
        ? session.name
        : property === 'address'
          ? session.address
          : property === 'caller-id'
            ? session.callerId
            : null;
  return text === null ? null : Buffer.from(text, 'utf8');
}
