import { afterEach, expect } from 'vitest';
import { OperatorError } from '../../../src-main/operator-error';
import type { DisconnectTarget } from '../../../src-main/nas/coa';
import { startCoaPeer, type CoaPeer, type PeerBehaviour } from './coa-peer';

export const peerSecret = 'noc-coa-secret';

/** Short waits keep the suite fast: 50, 100, 200 ms for the default three tries. */
export const fastWaitMs = 50;

/** For tests that count transmissions: a slow machine must not slip in an extra one. */
export const roomyWaitMs = 250;

/**
 * A factory for one peer per test, closed after each test: call it at the top of a test
 * file, then `await peerThat({ answer: 'ack' })` inside a test.
 */
export function peerPerTest(): (
  behaviour: PeerBehaviour,
  signing?: { signReplies?: boolean; requireMessageAuthenticator?: boolean },
) => Promise<CoaPeer> {
  let peer: CoaPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
  });
  return async (behaviour, signing = {}) => {
    peer = await startCoaPeer({ secret: peerSecret, behaviour, ...signing });
    return peer;
  };
}

/** A Disconnect aimed at the peer for a typical PPPoE subscriber. */
export function targetOf(
  peer: CoaPeer,
  overrides: Partial<DisconnectTarget> = {},
): DisconnectTarget {
  return {
    nasAddress: peer.address,
    port: peer.port,
    secret: peerSecret,
    attributes: {
      userName: 'alice@fiber',
      acctSessionId: '81a00012',
      framedIp: '100.64.3.17',
      nasIp: '127.0.10.1',
    },
    tries: 3,
    firstWaitMs: fastWaitMs,
    ...overrides,
  };
}

/** Awaits `outcome` and returns the OperatorError it rejected with; fails if it did not. */
export async function operatorErrorOf(outcome: Promise<unknown>): Promise<OperatorError> {
  const settled = await outcome.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in settled)) {
    throw new Error(`expected an OperatorError, got ${JSON.stringify(settled.value)}`);
  }
  expect(settled.error).toBeInstanceOf(OperatorError);
  return settled.error as OperatorError;
}
