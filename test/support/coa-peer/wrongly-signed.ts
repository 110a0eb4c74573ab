import { createHash, createHmac } from 'node:crypto';

/**
 * A Disconnect-Request re-signed in the wrong order, as the radius package's
 * add_message_authenticator does: the Request Authenticator first, then the
 * Message-Authenticator (first attribute, at offset 20) as the HMAC over the packet holding
 * it. Receivers that check the RFC order drop it.
 */
export function signedInTheWrongOrder(request: Buffer, secret: string): Buffer {
  const packet = Buffer.from(request);
  packet.fill(0, 22, 38);
  createHash('md5')
    .update(packet.subarray(0, 4))
    .update(Buffer.alloc(16))
    .update(packet.subarray(20))
    .update(secret)
    .digest()
    .copy(packet, 4);
  createHmac('md5', secret).update(packet).digest().copy(packet, 22);
  return packet;
}
