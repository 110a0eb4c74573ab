import { afterEach, expect, it } from 'vitest';
import { sendDisconnect } from '../../../src-main/nas/coa';
import { startCoaPeer, type CoaPeer } from '../../support/coa-peer/coa-peer';
import { peerSecret, targetOf } from '../../support/coa-peer/disconnect-fixture';

let peer: CoaPeer | undefined;
afterEach(async () => {
  await peer?.close();
});

it('gives each of 300 simultaneous disconnects its own answer, though identifiers repeat', async () => {
  // More calls than 8-bit identifiers: some must share one, and still none may take
  // another's reply, because each call listens on a socket of its own.
  const sessions = Array.from({ length: 300 }, (_, index) => index);
  const nas = await startCoaPeer({
    secret: peerSecret,
    behaviour: {
      answer: 'nak',
      errorCause: (request) => 1000 + Number(request.acctSessionId?.split('-')[1]),
    },
  });
  peer = nas;

  const outcomes = await Promise.all(
    sessions.map((index) => {
      // A roomy budget: a busy CI machine must not turn slowness into a failure here.
      const target = targetOf(nas, { firstWaitMs: 1000 });
      return sendDisconnect({
        ...target,
        attributes: { ...target.attributes, acctSessionId: `session-${index}` },
      });
    }),
  );

  expect(outcomes.map((outcome) => (outcome.kind === 'nak' ? outcome.errorCause : null))).toEqual(
    sessions.map((index) => 1000 + index),
  );
  expect(new Set(nas.received.map((request) => request.identifier)).size).toBeLessThan(300);
});
