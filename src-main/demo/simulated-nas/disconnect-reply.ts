import radius from 'radius';

export interface DisconnectAnswer {
  code: 'Disconnect-ACK' | 'Disconnect-NAK';
  /** RFC 5176 Error-Cause, e.g. 503 Session-Context-Not-Found; none when absent. */
  errorCause?: number;
}

/** Fault injection for tests: spoil one field of an otherwise correct reply. */
export type ReplyCorruption = 'authenticator' | 'identifier';

/**
 * The reply to a request, signed as RFC 5176 §3 says: the Response Authenticator is
 * MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret).
 */
export function encodeDisconnectReply(
  request: Buffer,
  secret: string,
  answer: DisconnectAnswer,
  corrupt?: ReplyCorruption,
): Buffer {
  const decoded = radius.decode_without_secret({ packet: request });
  if (corrupt === 'identifier') {
    // Correctly signed, but for another request: only the identifier check can reject it.
    decoded.identifier = (decoded.identifier + 1) % 256;
  }
  const reply = radius.encode_response({
    packet: decoded,
    code: answer.code,
    secret,
    attributes: answer.errorCause === undefined ? [] : [['Error-Cause', answer.errorCause]],
  });
  if (corrupt === 'authenticator') {
    reply[4] = (reply[4] ?? 0) ^ 0xff;
  }
  return reply;
}
