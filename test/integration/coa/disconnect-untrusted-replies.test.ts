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
});
