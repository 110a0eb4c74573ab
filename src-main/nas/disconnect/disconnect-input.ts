/** The session the operator chose, as its radacct row knows it. */
export interface DisconnectTarget {
  radacctId: string;
  username: string;
  /** The NAS that carries the session: the API host and the CoA destination. */
  nasIp: string;
  /** The NAS's name in the NAS directory (nas_devices, or FreeRADIUS's nas); null without. */
  nasName: string | null;
  framedIp: string | null;
  /** The WAN prefix (radacct's framedipv6prefix); absent or null when it has none. */
  framedIpv6Prefix?: string | null;
  mac: string | null;
  acctSessionId: string;
}

/** How this workstation may reach one NAS; null (or blank) means not set up. */
export interface NasAccess {
  apiUser: string | null;
  apiPassword: string | null;
  apiPort: number;
  apiTls: boolean;
  /**
   * The pinned SHA-256 of the API-SSL certificate (AA:BB:…); null or absent: a CA must vouch
   * for it.
   */
  apiTlsFingerprint?: string | null;
  coaPort: number;
  coaSecret: string | null;
  /** Refuse Disconnect-ACK/NAK replies that carry no Message-Authenticator. */
  requireMessageAuthenticator: boolean;
}

/** How messages name a NAS: `bng-east (127.0.10.7)`, or the address alone without a name. */
export function nasWords(target: Pick<DisconnectTarget, 'nasIp' | 'nasName'>): string {
  return target.nasName ? `${target.nasName} (${target.nasIp})` : target.nasIp;
}
