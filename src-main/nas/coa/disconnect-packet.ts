import { randomInt } from 'node:crypto';
import radius from 'radius';
import type { DisconnectAttributes } from './disconnect-input';

/**
 * Encodes one Disconnect-Request (code 40). The radius package fills the Request
 * Authenticator as RFC 5176 §3 asks: MD5 over the packet with 16 zero octets in its place,
 * followed by the secret. Its add_message_authenticator option is left alone: it signs the
 * fields in the wrong order and receivers drop the packet.
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
    ['NAS-IP-Address', attributes.nasIp],
    ['Event-Timestamp', sentAt],
  ];
  // A random identifier keeps a stray reply to an earlier call on a reused port from matching.
  return radius.encode({
    code: 'Disconnect-Request',
    identifier: randomInt(256),
    secret,
    attributes: encoded,
  });
}
