import { createHash, timingSafeEqual } from 'node:crypto';
import { describeErrorCause } from './error-cause';
import { attributeOffset, replyMessageAuthenticator } from './message-authenticator';

export type DisconnectOutcome =
  { kind: 'ack' } | { kind: 'nak'; errorCause: number | null; reason: string };

export type ReplyReading =
  | { kind: 'answer'; outcome: DisconnectOutcome }
  | { kind: 'not-ours' }
  /** The Response Authenticator or the Message-Authenticator does not verify. */
  | { kind: 'bad-authenticator' }
  /** Correctly signed, but without the Message-Authenticator this NAS must send. */
  | { kind: 'no-message-authenticator' };

const disconnectAck = 41;
const disconnectNak = 42;
const errorCauseAttribute = 101;
const headerOctets = 20;

/**
 * Reads a datagram that came from the NAS: only an ACK or NAK to our identifier whose
 * Response Authenticator verifies, and whose Message-Authenticator verifies when it carries
 * one, is an answer. With `requireMessageAuthenticator`, a reply without one is refused. The
 * checks are ours, not the package's verify_response, which compares digests as UTF-8 text.
 */
export function readDisconnectReply(
  reply: Buffer,
  request: Buffer,
  secret: string,
  requireMessageAuthenticator = false,
): ReplyReading {
  const code = reply[0];
  if (reply.length < headerOctets || (code !== disconnectAck && code !== disconnectNak)) {
    return { kind: 'not-ours' };
  }
  const declaredLength = reply.readUInt16BE(2);
  if (reply[1] !== request[1] || declaredLength < headerOctets || declaredLength > reply.length) {
    return { kind: 'not-ours' };
  }
  // RFC 2865 §3: octets past the Length field are padding and are not signed.
  const packet = reply.subarray(0, declaredLength);
  if (!responseAuthenticatorVerifies(packet, request, secret)) {
    return { kind: 'bad-authenticator' };
  }
  const messageAuthenticator = replyMessageAuthenticator(packet, request, secret);
  if (messageAuthenticator === 'invalid') return { kind: 'bad-authenticator' };
  if (messageAuthenticator === 'absent' && requireMessageAuthenticator) {
    return { kind: 'no-message-authenticator' };
  }
  if (code === disconnectAck) {
    return { kind: 'answer', outcome: { kind: 'ack' } };
  }
  const errorCause = readErrorCause(packet);
  const reason =
    errorCause === null ? 'Disconnect-NAK without an Error-Cause' : describeErrorCause(errorCause);
  return { kind: 'answer', outcome: { kind: 'nak', errorCause, reason } };
}

// RFC 5176 §3: MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret).
function responseAuthenticatorVerifies(packet: Buffer, request: Buffer, secret: string): boolean {
  const expected = createHash('md5')
    .update(packet.subarray(0, 4))
    .update(request.subarray(4, headerOctets))
    .update(packet.subarray(headerOctets))
    .update(secret)
    .digest();
  return timingSafeEqual(expected, packet.subarray(4, headerOctets));
}

// Walked by hand rather than through the package's decoder: that one throws on attributes
// its dictionaries do not know, and names some Error-Cause values differently from RFC 5176.
function readErrorCause(packet: Buffer): number | null {
  const offset = attributeOffset(packet, errorCauseAttribute);
  return offset !== null && packet[offset + 1] === 6 ? packet.readUInt32BE(offset + 2) : null;
}
