import { isIP, isIPv4 } from 'node:net';
import { OperatorError } from '../../operator-error';
import { framedIpv6PrefixValue } from './framed-ipv6-prefix';

/** Who to disconnect: the session as the NAS knows it. */
export interface DisconnectAttributes {
  userName: string;
  acctSessionId: string;
  /** MikroTik matches on it when present; null when the session has no address. */
  framedIp: string | null;
  /**
   * The session's WAN prefix (`2001:db8:bb10::/64`), sent as Framed-IPv6-Prefix: RFC 5176
   * §3 names it among the attributes that identify a session, for one without an IPv4.
   */
  framedIpv6Prefix?: string | null;
  nasIp: string;
}

export interface DisconnectTarget {
  /** The NAS as an IP literal: replies are accepted only from this address. */
  nasAddress: string;
  port?: number;
  secret: string;
  attributes: DisconnectAttributes;
  /** Transmissions of the same packet, the first included. */
  tries?: number;
  /** Wait after the first transmission; each later wait doubles. */
  firstWaitMs?: number;
  /** Refuse replies without a Message-Authenticator (the NAS is set to send one). */
  requireMessageAuthenticator?: boolean;
  bindAddress?: string;
  /** Cancel: no retransmission leaves after it, and the call rejects with 'cancelled'. */
  signal?: AbortSignal;
}

export type CheckedTarget = Required<Omit<DisconnectTarget, 'bindAddress' | 'signal'>> &
  Pick<DisconnectTarget, 'bindAddress' | 'signal'>;

// A RADIUS attribute holds at most 253 octets of value.
const maxAttributeOctets = 253;
// Beyond these a "disconnect" would keep an operator waiting for minutes.
const maxTries = 10;
const maxFirstWaitMs = 10_000;

/** Fills in the defaults and rejects what cannot be sent, in words the operator can fix. */
export function checkDisconnectTarget(target: DisconnectTarget): CheckedTarget {
  const checked: CheckedTarget = {
    ...target,
    port: target.port ?? 3799,
    tries: target.tries ?? 3,
    firstWaitMs: target.firstWaitMs ?? 1000,
    requireMessageAuthenticator: target.requireMessageAuthenticator ?? false,
  };
  const { nasAddress, port, secret, attributes, tries, firstWaitMs, bindAddress } = checked;
  if (isIP(nasAddress) === 0) {
    invalid(`The NAS address "${nasAddress}" is not an IP address.`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    invalid(`The CoA port ${port} of NAS ${nasAddress} is not a port number (1–65535).`);
  }
  if (secret.length === 0) {
    invalid(`No shared secret is set for NAS ${nasAddress}: set it in the NAS credentials.`);
  }
  if (!Number.isInteger(tries) || tries < 1 || tries > maxTries) {
    invalid(`Tries must be a whole number from 1 to ${maxTries}, not ${tries}.`);
  }
  if (!Number.isInteger(firstWaitMs) || firstWaitMs < 1 || firstWaitMs > maxFirstWaitMs) {
    invalid(`The first wait must be 1–${maxFirstWaitMs} ms, not ${firstWaitMs}.`);
  }
  if (bindAddress !== undefined && isIP(bindAddress) !== isIP(nasAddress)) {
    invalid(`The local address "${bindAddress}" cannot reach NAS ${nasAddress}.`);
  }
  checkText('User-Name', attributes.userName);
  checkText('Acct-Session-Id', attributes.acctSessionId);
  if (attributes.framedIp !== null && !isIPv4(attributes.framedIp)) {
    invalid(`The session's framed IP "${attributes.framedIp}" is not an IPv4 address.`);
  }
  const prefix = attributes.framedIpv6Prefix ?? null;
  if (prefix !== null && framedIpv6PrefixValue(prefix) === null) {
    invalid(`The session's IPv6 prefix "${prefix}" is not an IPv6 prefix (address/length).`);
  }
  if (!isIPv4(attributes.nasIp)) {
    invalid(`The session's NAS-IP-Address "${attributes.nasIp}" is not an IPv4 address.`);
  }
  return checked;
}

function checkText(attribute: string, value: string): void {
  const octets = Buffer.byteLength(value, 'utf8');
  // The radius package silently drops empty strings, which would target a different session.
  if (octets === 0 || octets > maxAttributeOctets) {
    invalid(`${attribute} must be 1–${maxAttributeOctets} bytes long, not ${octets}.`);
  }
}

function invalid(message: string): never {
  throw new OperatorError('INVALID_INPUT', message);
}
