import { describe, expect, it, vi } from 'vitest';
import { sendDisconnect } from '../../../src-main/nas/coa';
import type { PeerBehaviour } from '../../support/coa-peer/coa-peer';
import {
  operatorErrorOf,
  peerPerTest,
  roomyWaitMs,
  targetOf,
} from '../../support/coa-peer/disconnect-fixture';

const peerThat = peerPerTest();

describe('sendDisconnect: replies it must not trust', () => {
  it.each<[string, PeerBehaviour]>([
    ['a wrong Response Authenticator', { answer: 'ack', corrupt: 'authenticator' }],
    ['another identifier', { answer: 'ack', corrupt: 'identifier' }],
    ['another loopback address', { answer: 'ack', replyFrom: '127.0.10.2' }],
    ['the NAS address but another port', { answer: 'ack', replyFrom: '127.0.10.1' }],
  ])('ignores an ACK with %s and keeps waiting', async (_, behaviour) => {
    const nas = await peerThat(behaviour);
    const error = await operatorErrorOf(sendDisconnect(targetOf(nas)));

    expect(error.code).toBe('NAS_UNREACHABLE');
    await vi.waitFor(() => expect(nas.repliesSent()).toBe(3));
  });

  it.each<[string, PeerBehaviour['corrupt']]>([
    ['a wrong authenticator', 'authenticator'],
    ['another identifier', 'identifier'],
  ])(
    'keeps waiting past a reply with %s and takes the answer to the retransmission',
    async (_, corrupt) => {
      const nas = await peerThat({
        answer: 'nak',
        errorCause: 503,
        corrupt,
        corruptTransmissions: 1,
      });
      const target = targetOf(nas, { firstWaitMs: roomyWaitMs });
      await expect(sendDisconnect(target)).resolves.toMatchObject({ errorCause: 503 });
      expect(nas.received).toHaveLength(2);
    },
  );

  it('settles once on a duplicated reply, and the copy does no harm', async () => {
    const nas = await peerThat({ answer: 'nak', errorCause: 503, copies: 2 });
    await expect(sendDisconnect(targetOf(nas))).resolves.toMatchObject({ errorCause: 503 });
    await vi.waitFor(() => expect(nas.repliesSent()).toBe(2));
    // The next call on the same NAS is untouched by the stray copy.
    await expect(sendDisconnect(targetOf(nas))).resolves.toMatchObject({ kind: 'nak' });
  });

  it('ignores an ACK whose Message-Authenticator does not verify, though its authenticator does', async () => {
    const nas = await peerThat(
      { answer: 'ack', corrupt: 'message-authenticator' },
      { signReplies: true },
    );
    const error = await operatorErrorOf(sendDisconnect(targetOf(nas)));
    expect(error).toMatchObject({ code: 'NAS_UNREACHABLE', failure: 'refused' });
    expect(error.message).toMatch(/3 replies failed the authenticator check/);
  });

  it('refuses unsigned replies from a NAS set to sign them, and takes signed ones', async () => {
    const unsigned = await peerThat({ answer: 'ack' });
    const refused = await operatorErrorOf(
      sendDisconnect(targetOf(unsigned, { requireMessageAuthenticator: true })),
    );
    expect(refused).toMatchObject({ code: 'NAS_REJECTED', failure: 'refused' });
    expect(refused.message).toMatch(
      /carried no Message-Authenticator, which this NAS is set to require/,
    );

    const signed = await peerThat({ answer: 'ack' }, { signReplies: true });
    await expect(
      sendDisconnect(targetOf(signed, { requireMessageAuthenticator: true })),
    ).resolves.toEqual({ kind: 'ack' });
  });

  it('stops at once when cancelled: no retransmission leaves after the abort', async () => {
    const nas = await peerThat({ answer: 'silent' });
    const cancel = new AbortController();
    const sending = sendDisconnect(
      targetOf(nas, { firstWaitMs: roomyWaitMs, signal: cancel.signal }),
    );
    await vi.waitFor(() => expect(nas.received).toHaveLength(1));
    cancel.abort();
    const error = await operatorErrorOf(sending);
    expect(error).toMatchObject({ failure: 'cancelled' });
    // Past the retransmission times (250 + 500 ms): still the one datagram.
    await new Promise((resolve) => setTimeout(resolve, 3 * roomyWaitMs));
    expect(nas.received).toHaveLength(1);
  });
});
