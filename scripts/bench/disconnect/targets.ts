import type { DisconnectTarget } from '../../../src-main/nas/disconnect';

/**
 * `count` online sessions on one NAS, as radacct rows would name them. Framed IPs are CGNAT
 * addresses for realism; they only travel inside the packets, nothing is sent to them.
 */
export function sessionsOn(nasIp: string, count: number, first = 0): DisconnectTarget[] {
  return Array.from({ length: count }, (_, offset) => {
    const n = first + offset;
    return {
      radacctId: String(n + 1),
      username: `u${String(n).padStart(6, '0')}@isp.example`,
      nasIp,
      nasName: null,
      framedIp: `100.64.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`,
      mac: null,
      acctSessionId: `8${n.toString(16).padStart(7, '0')}`,
    };
  });
}

/**
 * The same requests as radclient's packet file: the attributes tryCoa sends (User-Name,
 * Acct-Session-Id, Framed-IP-Address, NAS-IP-Address, Event-Timestamp, and a
 * Message-Authenticator, which radclient computes when the file names it), one blank line
 * apart.
 */
export function radclientPackets(targets: readonly DisconnectTarget[], sentAt: Date): string {
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  return targets
    .map((target) =>
      [
        'Message-Authenticator = 0x00',
        `User-Name = "${target.username}"`,
        `Acct-Session-Id = "${target.acctSessionId}"`,
        ...(target.framedIp === null ? [] : [`Framed-IP-Address = ${target.framedIp}`]),
        `NAS-IP-Address = ${target.nasIp}`,
        `Event-Timestamp = ${timestamp}`,
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}
