import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3579 §3.2: attribute 80, 16 octets of HMAC-MD5. */
export const messageAuthenticatorType = 80;
const headerOctets = 20;
const authenticatorOctets = 16;
const attributeOctets = 2 + authenticatorOctets;

/**
 * Builds and signs a request whose Request Authenticator is keyed (Disconnect-Request, RFC
 * 5176 §3), with a Message-Authenticator as its first attribute (RFC 3579 §3.2; BlastRADIUS,
 * CVE-2024-3596, is why NAS now require it). The order is what receivers check:
 * 1. Message-Authenticator = HMAC-MD5(secret, packet) with the Request Authenticator field
 *    and the Message-Authenticator value both 16 zero octets;
 * 2. Request Authenticator = MD5(packet with the authenticator field zeroed + secret), over
 *    the packet that now holds the final Message-Authenticator.
 * Done the other way round, FreeRADIUS drops the packet ("invalid Message-Authenticator").
 */
export function signedRequest(
  code: number,
  identifier: number,
  attributes: Buffer,
  secret: string,
): Buffer {
  const packet = Buffer.alloc(headerOctets + attributeOctets + attributes.length);
  packet[0] = code;
  packet[1] = identifier;
  packet.writeUInt16BE(packet.length, 2);
  packet[headerOctets] = messageAuthenticatorType;
  packet[headerOctets + 1] = attributeOctets;
  attributes.copy(packet, headerOctets + attributeOctets);
  createHmac('md5', secret)
    .update(packet)
    .digest()
    .copy(packet, headerOctets + 2);
  createHash('md5').update(packet).update(secret).digest().copy(packet, 4);
  return packet;
}

/**
 * Checks a reply's Message-Authenticator: HMAC-MD5 over the reply with the request's
 * Authenticator in the authenticator field and the attribute's value zeroed (RFC 5176 §3.4,
 * as hostapd signs it). FreeRADIUS 3.2 signs its Disconnect-ACK/NAK with 16 zero octets in
 * the authenticator field instead; both need the shared secret, so either is accepted.
 */
export function replyMessageAuthenticator(
  reply: Buffer,
  request: Buffer,
  secret: string,
): 'absent' | 'valid' | 'invalid' {
  const offset = attributeOffset(reply, messageAuthenticatorType);
  if (offset === null) return 'absent';
  if (reply[offset + 1] !== attributeOctets) return 'invalid';
  const sent = reply.subarray(offset + 2, offset + attributeOctets);
  const signed = Buffer.from(reply);
  signed.fill(0, offset + 2, offset + attributeOctets);
  const withRequestAuthenticator = hmac(secret, request.subarray(4, headerOctets), signed);
  const withZeros = hmac(secret, Buffer.alloc(authenticatorOctets), signed);
  return timingSafeEqual(sent, withRequestAuthenticator) || timingSafeEqual(sent, withZeros)
    ? 'valid'
    : 'invalid';
}

function hmac(secret: string, authenticator: Buffer, packet: Buffer): Buffer {
  const copy = Buffer.from(packet);
  authenticator.copy(copy, 4);
  return createHmac('md5', secret).update(copy).digest();
}

/** Where the first attribute of this type starts, or null; null too for a broken list. */
export function attributeOffset(packet: Buffer, type: number): number | null {
  let offset = headerOctets;
  while (offset + 2 <= packet.length) {
    const length = packet[offset + 1] ?? 0;
    if (length < 2 || offset + length > packet.length) return null;
    if (packet[offset] === type) return offset;
    offset += length;
  }
  return null;
}
