/** One row of `/ppp/active` as a test seeds it; text is UTF-8, as RADIUS and PPPoE see it. */
export interface PeerPppSession {
  id: string;
  name: string;
  address: string;
  callerId: string;
}

/** The rows a print returns, with the property names RouterOS uses on the wire. */
export function pppSessionWords(session: PeerPppSession): string[] {
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
export function pppSessionProperty(session: PeerPppSession, property: string): Buffer | null {
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
