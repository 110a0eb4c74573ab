import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  createRouterOsPool,
  disconnectSession,
  type DisconnectTarget,
} from '../../../src-main/nas/disconnect';
import { openCuttableLink } from '../../support/cuttable-link';
import { accessTo, alice, fastTiming, nasIp, useNas } from './disconnect-fixture';

const alicesPhone: DisconnectTarget = {
  ...alice,
  radacctId: '2',
  framedIp: '100.64.3.99',
  mac: 'AA:BB:CC:00:00:99',
  acctSessionId: '81a00099',
};
const bob: DisconnectTarget = {
  ...alice,
  radacctId: '3',
  username: 'bob@fiber',
  framedIp: '100.64.3.18',
  mac: 'AA:BB:CC:00:00:18',
  acctSessionId: '81a00018',
};

describe('a RouterOS API pool for a run of disconnects', () => {
  const nas = useNas();

  async function nasBehindRelay() {
    const peer = await nas.routerOs({ host: '127.0.0.1' });
    const relay = await openCuttableLink(peer, nasIp);
    nas.track(() => relay.close());
    const pool = createRouterOsPool(fastTiming);
    nas.track(() => pool.closeAll());
    return { peer, relay, pool, access: accessTo({ api: relay }) };
  }

  it('logs in once for several disconnects on the same NAS', async () => {
    const { peer, relay, pool, access } = await nasBehindRelay();
    for (const target of [alice, alicesPhone, bob]) {
      const report = await disconnectSession(target, access, { routerOsPool: pool }, fastTiming);
      expect(report.acknowledgedBy).toBe('routeros-api');
    }
    expect(peer.sessions).toEqual([]);
    expect(relay.connections()).toBe(1);
  });

  it('shares one login between disconnects started at the same time', async () => {
    const { peer, relay, pool, access } = await nasBehindRelay();
    const reports = await Promise.all(
      [alice, alicesPhone, bob].map((target) =>
        disconnectSession(target, access, { routerOsPool: pool }, fastTiming),
      ),
    );
    expect(reports.map((report) => report.acknowledgedBy)).toEqual([
      'routeros-api',
      'routeros-api',
      'routeros-api',
    ]);
    expect(peer.sessions).toEqual([]);
    expect(relay.connections()).toBe(1);
  });

  it('logs in again, without falling back, when the NAS closed the kept connection', async () => {
    const { peer, relay, pool, access } = await nasBehindRelay();
    await disconnectSession(alice, access, { routerOsPool: pool }, fastTiming);
    peer.dropConnections();
    await vi.waitFor(() => expect(relay.openSockets()).toBe(0));
    // Let the client read the close the relay passed on; the pool then finds it dead.
    await sleep(100);
    const report = await disconnectSession(bob, access, { routerOsPool: pool }, fastTiming);
    expect(report.acknowledgedBy).toBe('routeros-api');
    expect(relay.connections()).toBe(2);
  });

  it('opens and closes a connection of its own when given no pool', async () => {
    const { relay, access } = await nasBehindRelay();
    await disconnectSession(alice, access, {}, fastTiming);
    await disconnectSession(bob, access, {}, fastTiming);
    expect(relay.connections()).toBe(2);
    await vi.waitFor(() => expect(relay.openSockets()).toBe(0));
  });
});
