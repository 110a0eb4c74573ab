import { createHash, createHmac } from 'node:crypto';
import radius from 'radius';

export interface DisconnectAnswer {
  code: 'Disconnect-ACK' | 'Disconnect-NAK';
  /** RFC 5176 Error-Cause, e.g. 503 Session-Context-Not-Found; none when absent. */
  errorCause?: number;
}

/** Fault injection for tests: spoil one field of an otherwise correct reply. */
export type ReplyCorruption = 'authenticator' | 'identifier' | 'message-authenticator';

const messageAuthenticatorType = 80;

/**
 * The reply to a request, signed as RFC 5176 §3 says: the Response Authenticator is
 * MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret). `signed`
 * adds a Message-Authenticator first (RFC 5176 §3.4: HMAC-MD5 over the reply with the
 * request's authenticator in place, computed before the Response Authenticator).
 */
export function encodeDisconnectReply(
  request: Buffer,
  secret: string,
  answer: DisconnectAnswer,
  options: { corrupt?: ReplyCorruption; signed?: boolean } = {},
): Buffer {
  const decoded = radius.decode_without_secret({ packet: request });
  // The package signs a reply whenever the request was signed; whether this NAS does is ours
  // to say (`signed`), and it then signs as RFC 5176 §3.4 says.
  delete (decoded.attributes as Record<string, unknown>)['Message-Authenticator'];
  if (options.corrupt === 'identifier') {
    // Correctly signed, but for another request: only the identifier check can reject it.
    decoded.identifier = (decoded.identifier + 1) % 256;
  }
  const unsigned = radius.encode_response({
    packet: decoded,
    code: answer.code,
    secret,
    attributes: answer.errorCause === undefined ? [] : [['Error-Cause', answer.errorCause]],
  });
  const reply = options.signed
    ? withMessageAuthenticator(unsigned, request, secret, options.corrupt)
    : unsigned;
  if (options.corrupt === 'authenticator') {
    reply[4] = (reply[4] ?? 0) ^ 0xff;
  }
  return reply;
}

function withMessageAuthenticator(
  unsigned: Buffer,
  request: Buffer,
  secret: string,
  corrupt: ReplyCorruption | undefined,
): Buffer {
  const reply = Buffer.concat([
    unsigned.subarray(0, 20),
    Buffer.from([messageAuthenticatorType, 18]),
    Buffer.alloc(16),
    unsigned.subarray(20),
  ]);
  reply.writeUInt16BE(reply.length, 2);
  request.copy(reply, 4, 4, 20);
  const hmac = createHmac('md5', secret).update(reply).digest();
  // Spoilt but still under a valid Response Authenticator: only the HMAC check catches it.
  if (corrupt === 'message-authenticator') hmac[0] = (hmac[0] ?? 0) ^ 0xff;
  hmac.copy(reply, 22);
  createHash('md5').update(reply).update(secret).digest().copy(reply, 4);
  return reply;
}
