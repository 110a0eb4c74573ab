import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeDisconnectRequest } from '../../../src-main/nas/coa/disconnect-packet';
import { readDisconnectReply } from '../../../src-main/nas/coa/disconnect-reply';
import { encodeDisconnectReply } from '../../../src-main/demo/simulated-nas/disconnect-reply';
import { signedInTheWrongOrder } from '../../support/coa-peer/wrongly-signed';

const secret = 'noc-coa-secret';
const attributes = {
  userName: 'alice@fiber',
  acctSessionId: '81a00012',
  framedIp: '100.64.3.17',
  nasIp: '127.0.10.1',
};

/** The attribute list as [type, value] pairs, with each value's offset in the packet. */
function attributesOf(packet: Buffer): { type: number; offset: number; value: Buffer }[] {
  const found: { type: number; offset: number; value: Buffer }[] = [];
  for (let offset = 20; offset < packet.length; offset += packet[offset + 1]!) {
    found.push({
      type: packet[offset]!,
      offset,
      value: packet.subarray(offset + 2, offset + packet[offset + 1]!),
    });
  }
  return found;
}

// The RFC formulas, written out again here from RFC 3579 §3.2 and RFC 5176 §3 and §3.4,
// independently of the code under test.
function rfcMessageAuthenticator(packet: Buffer, maOffset: number): Buffer {
  const copy = Buffer.from(packet);
  copy.fill(0, 4, 20); // Request Authenticator: 16 zero octets, as for the Disconnect-Request's own
  copy.fill(0, maOffset + 2, maOffset + 18); // the Message-Authenticator itself: 16 zero octets
  return createHmac('md5', secret).update(copy).digest();
}
function rfcRequestAuthenticator(packet: Buffer): Buffer {
  // MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret), over the packet
  // that already holds the final Message-Authenticator.
  return createHash('md5')
    .update(packet.subarray(0, 4))
    .update(Buffer.alloc(16))
    .update(packet.subarray(20))
    .update(secret)
    .digest();
}

describe('the Message-Authenticator of a Disconnect-Request', () => {
  const packet = encodeDisconnectRequest(attributes, secret, new Date('2026-11-21T10:00:00Z'));
  const listed = attributesOf(packet);
  const ma = listed.find((attribute) => attribute.type === 80);

  it('is there, once, first, 16 octets long', () => {
    expect(listed.filter((attribute) => attribute.type === 80)).toHaveLength(1);
    expect(listed[0]?.type).toBe(80);
    expect(ma?.value).toHaveLength(16);
    expect(packet.readUInt16BE(2)).toBe(packet.length);
  });

  it('is the HMAC-MD5 of the packet with the authenticator and itself zeroed', () => {
    expect(ma?.value.equals(rfcMessageAuthenticator(packet, ma.offset))).toBe(true);
  });

  it('is computed before the Request Authenticator, which covers it', () => {
    expect(packet.subarray(4, 20).equals(rfcRequestAuthenticator(packet))).toBe(true);
  });

  it('would not verify if computed the other way round (authenticator first)', () => {
    const wrong = signedInTheWrongOrder(packet, secret);
    expect(ma?.value.equals(wrong.subarray(22, 38))).toBe(false);
    expect(wrong.subarray(22, 38).equals(rfcMessageAuthenticator(wrong, 20))).toBe(false);
  });
});

describe('a reply’s Message-Authenticator', () => {
  const request = encodeDisconnectRequest(attributes, secret, new Date());
  const ack = { code: 'Disconnect-ACK' as const };

  it('is accepted when signed with the request’s authenticator (RFC 5176 §3.4)', () => {
    const reply = encodeDisconnectReply(request, secret, ack, { signed: true });
    expect(readDisconnectReply(reply, request, secret, true)).toEqual({
      kind: 'answer',
      outcome: { kind: 'ack' },
    });
  });

  it('is accepted when signed over 16 zero octets, as FreeRADIUS 3.2 signs its replies', () => {
    const reply = encodeDisconnectReply(request, secret, ack);
    const signed = Buffer.concat([
      reply.subarray(0, 20),
      Buffer.from([80, 18]),
      Buffer.alloc(16),
      reply.subarray(20),
    ]);
    signed.writeUInt16BE(signed.length, 2);
    signed.fill(0, 4, 20);
    createHmac('md5', secret).update(signed).digest().copy(signed, 22);
    request.copy(signed, 4, 4, 20);
    createHash('md5').update(signed).update(secret).digest().copy(signed, 4);
    expect(readDisconnectReply(signed, request, secret, true)).toMatchObject({ kind: 'answer' });
  });

  it('is refused when it does not verify, though the Response Authenticator does', () => {
    const reply = encodeDisconnectReply(request, secret, ack, {
      signed: true,
      corrupt: 'message-authenticator',
    });
    expect(readDisconnectReply(reply, request, secret)).toEqual({ kind: 'bad-authenticator' });
  });

  it('is required only when the NAS is set to send one', () => {
    const unsigned = encodeDisconnectReply(request, secret, ack);
    expect(readDisconnectReply(unsigned, request, secret, false)).toMatchObject({ kind: 'answer' });
    expect(readDisconnectReply(unsigned, request, secret, true)).toEqual({
      kind: 'no-message-authenticator',
    });
  });
});
