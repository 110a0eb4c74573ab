import { randomInt } from 'node:crypto';
import radius from 'radius';
import type { DisconnectAttributes } from './disconnect-input';
import { framedIpv6PrefixValue } from './framed-ipv6-prefix';
import { signedRequest } from './message-authenticator';

const disconnectRequest = 40;
const headerOctets = 20;

/**
 * Encodes one Disconnect-Request (code 40) carrying a Message-Authenticator. The radius
 * package only encodes the attributes; the signing is ours (message-authenticator.ts): its
 * add_message_authenticator option signs the fields in the wrong order and receivers drop
 * the packet.
 */
export function encodeDisconnectRequest(
  attributes: DisconnectAttributes,
  secret: string,
  sentAt: Date,
): Buffer {
  const encoded = [
    ['User-Name', attributes.userName],
    ['Acct-Session-Id', attributes.acctSessionId],
    ...(attributes.framedIp === null ? [] : [['Framed-IP-Address', attributes.framedIp]]),
    ...ipv6PrefixAttribute(attributes.framedIpv6Prefix ?? null),
    ['NAS-IP-Address', attributes.nasIp],
    ['Event-Timestamp', sentAt],
  ];
  // A random identifier keeps a stray reply to an earlier call on a reused port from matching.
  const identifier = randomInt(256);
  const unsigned = radius.encode({
    code: 'Disconnect-Request',
    identifier,
    secret,
    attributes: encoded,
  });
  return signedRequest(disconnectRequest, identifier, unsigned.subarray(headerOctets), secret);
}

function ipv6PrefixAttribute(prefix: string | null): [string, Buffer][] {
  const value = prefix === null ? null : framedIpv6PrefixValue(prefix);
  return value === null ? [] : [['Framed-IPv6-Prefix', value]];
}
