import { describe, expect, it } from 'vitest';
import { sendDisconnect } from '../../../src-main/nas/coa';
import { peerPerTest, roomyWaitMs, targetOf } from '../../support/coa-peer/disconnect-fixture';

const attributeType = {
  userName: 1,
  nasIp: 4,
  framedIp: 8,
  acctSessionId: 44,
  eventTimestamp: 55,
  messageAuthenticator: 80,
};

const peerThat = peerPerTest();

describe('sendDisconnect: answers from the NAS', () => {
  it('resolves with ack when the NAS sends Disconnect-ACK', async () => {
    const nas = await peerThat({ answer: 'ack' });
    await expect(sendDisconnect(targetOf(nas))).resolves.toEqual({ kind: 'ack' });
    expect(nas.received).toHaveLength(1);
  });

  it('decodes a Disconnect-NAK with Error-Cause 503 into words', async () => {
    const nas = await peerThat({ answer: 'nak', errorCause: 503 });
    await expect(sendDisconnect(targetOf(nas))).resolves.toEqual({
      kind: 'nak',
      errorCause: 503,
      reason: 'Session-Context-Not-Found',
    });
  });

  it('reports a Disconnect-NAK without Error-Cause as such', async () => {
    const nas = await peerThat({ answer: 'nak' });
    await expect(sendDisconnect(targetOf(nas))).resolves.toEqual({
      kind: 'nak',
      errorCause: null,
      reason: 'Disconnect-NAK without an Error-Cause',
    });
  });

  it('sends a Disconnect-Request the NAS can verify, with the session attributes', async () => {
    const nas = await peerThat({ answer: 'ack' });
    const before = Math.floor(Date.now() / 1000);
    await sendDisconnect(targetOf(nas));
    const after = Math.ceil(Date.now() / 1000);

    const [request] = nas.received;
    expect(request).toMatchObject({
      code: 40,
      authenticatorVerifies: true,
      messageAuthenticator: 'valid',
      userName: 'alice@fiber',
      acctSessionId: '81a00012',
      framedIp: '100.64.3.17',
      nasIp: '127.0.10.1',
    });
    expect(request?.eventTimestamp).toBeGreaterThanOrEqual(before);
    expect(request?.eventTimestamp).toBeLessThanOrEqual(after);
    // Message-Authenticator first, as BlastRADIUS advice has it: a receiver checks it at once.
    expect(request?.attributeTypes).toEqual([
      attributeType.messageAuthenticator,
      attributeType.userName,
      attributeType.acctSessionId,
      attributeType.framedIp,
      attributeType.nasIp,
      attributeType.eventTimestamp,
    ]);
  });

  it('leaves Framed-IP-Address out when the session has no address', async () => {
    const nas = await peerThat({ answer: 'ack' });
    const target = targetOf(nas);
    await sendDisconnect({ ...target, attributes: { ...target.attributes, framedIp: null } });

    const [request] = nas.received;
    expect(request?.authenticatorVerifies).toBe(true);
    expect(request?.framedIp).toBeUndefined();
    expect(request?.attributeTypes).not.toContain(attributeType.framedIp);
    expect(request?.messageAuthenticator).toBe('valid');
  });

  it('carries a non-ASCII user name as UTF-8', async () => {
    const nas = await peerThat({ answer: 'ack' });
    const target = targetOf(nas);
    await sendDisconnect({ ...target, attributes: { ...target.attributes, userName: 'józef@ß' } });
    expect(nas.received[0]?.userName).toBe('józef@ß');
  });

  it('succeeds when the NAS answers only the second, identical transmission', async () => {
    const nas = await peerThat({ answer: 'ack', answerOnTransmission: 2 });
    const target = targetOf(nas, { firstWaitMs: roomyWaitMs });
    await expect(sendDisconnect(target)).resolves.toEqual({ kind: 'ack' });

    const [first, second] = nas.received;
    expect(nas.received).toHaveLength(2);
    expect(second?.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
  });

  it('sends from the local address it is given', async () => {
    const nas = await peerThat({ answer: 'ack' });
    await sendDisconnect(targetOf(nas, { bindAddress: '127.0.10.3' }));
    expect(nas.received[0]?.sourceAddress).toBe('127.0.10.3');
  });
});
