import { createHash, timingSafeEqual } from 'node:crypto';
import radius from 'radius';

/** One Disconnect-Request as the receiver read it. */
export interface DisconnectRequest {
  bytes: Buffer;
  sourceAddress: string;
  code: number;
  identifier: number;
  /** Whether the Request Authenticator verifies with the NAS's shared secret. */
  authenticatorVerifies: boolean;
  /** Attribute type numbers in the order they were sent. */
  attributeTypes: number[];
  userName: string | undefined;
  acctSessionId: string | undefined;
  framedIp: string | undefined;
  nasIp: string | undefined;
  /** Event-Timestamp in seconds since the epoch. */
  eventTimestamp: number | undefined;
}

/** Decodes a request with the radius package and checks its authenticator independently. */
export function readDisconnectRequest(
  bytes: Buffer,
  sourceAddress: string,
  secret: string,
): DisconnectRequest {
  const decoded = radius.decode_without_secret({ packet: bytes });
  const attributes = decoded.attributes as Record<string, unknown>;
  const eventTimestamp = attributes['Event-Timestamp'];
  return {
    bytes: Buffer.from(bytes),
    sourceAddress,
    code: bytes[0] ?? -1,
    identifier: decoded.identifier,
    authenticatorVerifies: requestAuthenticatorVerifies(bytes, secret),
    attributeTypes: (decoded.raw_attributes as [number, Buffer][]).map(([type]) => type),
    userName: optionalString(attributes['User-Name']),
    acctSessionId: optionalString(attributes['Acct-Session-Id']),
    framedIp: optionalString(attributes['Framed-IP-Address']),
    nasIp: optionalString(attributes['NAS-IP-Address']),
    eventTimestamp: eventTimestamp instanceof Date ? eventTimestamp.getTime() / 1000 : undefined,
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

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
