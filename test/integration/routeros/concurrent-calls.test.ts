import { describe, expect, it } from 'vitest';
import { usePeers } from '../../support/routeros-peer/peer-fixture';

describe('several calls in flight on one RouterOS API session', () => {
  const peers = usePeers();

  it('gives each call its own answer (a bulk run shares one login per NAS)', async () => {
    const subscribers = Array.from({ length: 40 }, (_, index) => ({
      id: `*${(0x100 + index).toString(16).toUpperCase()}`,
      name: `user${index}@isp.example`,
      address: `100.64.4.${index + 1}`,
      callerId: `AA:BB:CC:00:04:${index.toString(16).padStart(2, '0')}`,
    }));
    const peer = await peers.start({ sessions: [...subscribers] });
    const session = await peers.open(peer);

    const found = await Promise.all(
      subscribers.map((subscriber) => session.findActive(subscriber.name)),
    );
    expect(found.map((active) => active.map((entry) => entry.id))).toEqual(
      subscribers.map((subscriber) => [subscriber.id]),
    );
    // Matches and misses interleaved: the misses answer !empty between other calls' rows.
    const mixed = await Promise.all(
      subscribers.flatMap((subscriber) => [
        session.findActive(subscriber.name),
        session.findActive(`gone-${subscriber.name}`),
      ]),
    );
    expect(mixed.map((active) => active.length)).toEqual(subscribers.flatMap(() => [1, 0]));
    await Promise.all(subscribers.map((subscriber) => session.removeActive(subscriber.id)));
    expect(peer.sessions).toEqual([]);
  });

  it.each([1, 2, 3, 7])(
    'reads answers the NAS sends in %i-byte pieces, length prefixes cut included',
    async (fragmentBytes) => {
      const entry = {
        id: '*5A',
        name: 'ñandú@isp.example',
        address: '100.64.5.1',
        callerId: 'AA:BB:CC:00:05:01',
      };
      const peer = await peers.start({ sessions: [entry], switches: { fragmentBytes } });
      const session = await peers.open(peer);
      const [found, missing] = await Promise.all([
        session.findActive(entry.name),
        session.findActive('nobody'),
      ]);
      expect(found).toEqual([{ ...entry, sessionId: null }]);
      expect(missing).toEqual([]);
    },
  );
});
