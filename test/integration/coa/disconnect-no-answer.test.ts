import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendDisconnect } from '../../../src-main/nas/coa';
import { startCoaPeer, type CoaPeer, type PeerBehaviour } from '../../support/coa-peer/coa-peer';
import { operatorErrorOf, peerSecret, targetOf } from '../../support/coa-peer/disconnect-fixture';

let peer: CoaPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function peerThat(behaviour: PeerBehaviour, secret = peerSecret): Promise<CoaPeer> {
  peer = await startCoaPeer({ secret, behaviour });
  return peer;
}

describe('sendDisconnect: no answer', () => {
  it('gives up with NAS_UNREACHABLE after exactly `tries` identical transmissions', async () => {
    const nas = await peerThat({ answer: 'silent' });
    const error = await operatorErrorOf(sendDisconnect(targetOf(nas, { tries: 3 })));

    expect(error.code).toBe('NAS_UNREACHABLE');
    expect(error.message).toBe(
      `No reply from ${nas.address}:${nas.port} after 3 tries (0.35 s): check the CoA port, the shared secret and the firewall.`,
    );
    await vi.waitFor(() => expect(nas.received).toHaveLength(3));
    const [first, ...retransmissions] = nas.received;
    for (const copy of retransmissions) {
      expect(copy.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('states the default budget as the operator will read it: 3 tries, 7 s', async () => {
    const nas = await peerThat({ answer: 'silent' });
    const error = await operatorErrorOf(
      sendDisconnect(targetOf(nas, { tries: 1, firstWaitMs: undefined })),
    );
    expect(error.message).toContain('after 1 try (1 s)');
  });

  it('treats a wrong shared secret as silence, and says to check the secret', async () => {
    const nas = await peerThat({ answer: 'ack' }, 'the-secret-on-the-nas');
    const error = await operatorErrorOf(sendDisconnect(targetOf(nas)));

    expect(error.code).toBe('NAS_UNREACHABLE');
    expect(error.message).toContain('the shared secret');
    expect(nas.received.every((request) => !request.authenticatorVerifies)).toBe(true);
  });

  it('names the secret as the cause when a NAS answers requests it could not verify', async () => {
    const nas = await peerThat({ answer: 'ack', answerUnverified: true }, 'the-secret-on-the-nas');
    const error = await operatorErrorOf(sendDisconnect(targetOf(nas)));

    expect(error.code).toBe('NAS_UNREACHABLE');
    expect(error.message).toContain('3 replies failed the authenticator check');
    expect(error.message).toContain("the shared secret set here probably differs from the NAS's");
  });

  it('does not take a reply that comes after the retry budget as success', async () => {
    // Budget: 50 + 100 + 200 ms; every answer is sent far past the end of the last wait, so
    // that even a slow machine cannot stretch the budget to meet it.
    const nas = await peerThat({ answer: 'ack', delayMs: 1500 });
    const error = await operatorErrorOf(sendDisconnect(targetOf(nas)));

    expect(error.code).toBe('NAS_UNREACHABLE');
    await vi.waitFor(() => expect(nas.repliesSent()).toBe(3), { timeout: 5000 });
  });
});
