import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import radius from 'radius';

/** One Disconnect-Request as the receiver read it. */
export interface DisconnectRequest {
  bytes: Buffer;
  sourceAddress: string;
  code: number;
  identifier: number;
  /** Whether the Request Authenticator verifies with the NAS's shared secret. */
  authenticatorVerifies: boolean;
  /** Whether it carries a Message-Authenticator, and whether that verifies (RFC 3579 §3.2). */
  messageAuthenticator: 'absent' | 'valid' | 'invalid';
  /** Attribute type numbers in the order they were sent. */
  attributeTypes: number[];
  userName: string | undefined;
  acctSessionId: string | undefined;
  framedIp: string | undefined;
  nasIp: string | undefined;
  /** Event-Timestamp in seconds since the epoch. */
  eventTimestamp: number | undefined;
  /** When it arrived (performance.now()), so a test can order it against its own steps. */
  receivedAt: number;
}

const messageAuthenticatorType = 80;

/** Decodes a request with the radius package and checks both authenticators independently. */
export function readDisconnectRequest(
  bytes: Buffer,
  sourceAddress: string,
  secret: string,
): DisconnectRequest {
  const decoded = radius.decode_without_secret({ packet: bytes });
  const attributes = decoded.attributes as Record<string, unknown>;
  const eventTimestamp = attributes['Event-Timestamp'];
  const raw = decoded.raw_attributes as [number, Buffer][];
  return {
    bytes: Buffer.from(bytes),
    sourceAddress,
    code: bytes[0] ?? -1,
    identifier: decoded.identifier,
    authenticatorVerifies: requestAuthenticatorVerifies(bytes, secret),
    messageAuthenticator: messageAuthenticatorOf(bytes, secret),
    attributeTypes: raw.map(([type]) => type),
    userName: optionalString(attributes['User-Name']),
    acctSessionId: optionalString(attributes['Acct-Session-Id']),
    framedIp: optionalString(attributes['Framed-IP-Address']),
    nasIp: optionalString(attributes['NAS-IP-Address']),
    eventTimestamp: eventTimestamp instanceof Date ? eventTimestamp.getTime() / 1000 : undefined,
    receivedAt: performance.now(),
  };
}

// RFC 5176 §3: MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret).
function requestAuthenticatorVerifies(bytes: Buffer, secret: string): boolean {
  const expected = createHash('md5')
    .update(bytes.subarray(0, 4))
    .update(Buffer.alloc(16))
    .update(bytes.subarray(20))
    .update(secret)
    .digest();
  return timingSafeEqual(expected, bytes.subarray(4, 20));
}

// RFC 5176 §3.4 / RFC 3579 §3.2: HMAC-MD5 over the request with the authenticator field and
// the attribute's value as zeros, as FreeRADIUS checks it.
function messageAuthenticatorOf(bytes: Buffer, secret: string): 'absent' | 'valid' | 'invalid' {
  let offset = 20;
  while (offset + 2 <= bytes.length) {
    const length = bytes[offset + 1] ?? 0;
    if (length < 2 || offset + length > bytes.length) return 'invalid';
    if (bytes[offset] === messageAuthenticatorType) {
      if (length !== 18) return 'invalid';
      const zeroed = Buffer.from(bytes);
      zeroed.fill(0, 4, 20);
      zeroed.fill(0, offset + 2, offset + 18);
      const expected = createHmac('md5', secret).update(zeroed).digest();
      return timingSafeEqual(expected, bytes.subarray(offset + 2, offset + 18))
        ? 'valid'
        : 'invalid';
    }
    offset += length;
  }
  return 'absent';
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
