import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addFreeradiusNas, insertSessions, offline, online } from '../../support/seed';
import { minutesAgo, setSessionExtras } from '../../support/subscriber-seed';

// The text-columns radacct has no radcheck tables at all: limits and state read as none.
describe('subscriber detail on a radacct with text columns', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let fresh: string;
  let stale: string;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'text-columns' });
    const pool = database.pool();
    await addFreeradiusNas(pool, 'bng-text', '127.0.10.1');
    [fresh, stale] = (await insertSessions(pool, [
      online({
        username: 'alice',
        nas: '127.0.10.1',
        ip: '100.64.1.5',
        mac: 'AA:BB:CC:00:00:01',
        start: minutesAgo(40),
        update: minutesAgo(3),
        download: '18446744073709551615',
        sessionTime: ' 2220 ',
      }),
      online({ username: 'alice', nas: '127.0.10.1', ip: '100.64.1.6', start: minutesAgo(300) }),
      offline(
        {
          username: 'alice',
          ip: '100.64.1.7',
          start: '2026-11-20 08:00:00',
          terminateCause: 'Idle-Timeout',
        },
        '2026-11-20 09:00:00',
      ),
    ])) as [string, string];
    await setSessionExtras(pool, fresh, {
      nasPortId: '15728640',
      nasPortType: 'Virtual',
      connectInfo: 'WireGuard',
      interval: 600,
    });
    await setSessionExtras(pool, stale, { interval: 0 });
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('reads the online sessions, staleness and history', async () => {
    const detail = await db.subscriberDetail('alice', everything);
    expect(detail.online.map((session) => [session.session[F.id], session.stale])).toEqual([
      [fresh, false],
      [stale, true],
    ]);
    expect(detail.online[0]).toMatchObject({
      nasPortId: '15728640',
      nasPortType: 'Virtual',
      connectInfoStart: 'WireGuard',
    });
    expect(detail.online[0]!.session[F.nasName]).toBe('bng-text');
    expect(detail.online[0]!.session[F.download]).toBe('18446744073709551615');
    expect(detail.online[0]!.session[F.sessionTime]).toBe(2220);
    expect(detail.history).toHaveLength(3);
    expect(detail.history[2]![F.terminateCause]).toBe('Idle-Timeout');
    expect(detail.limit).toEqual({
      limit: null,
      source: null,
      group: null,
      open: 2,
      stale: 1,
      over: false,
    });
    expect(detail.account.state).toBe('active');
    expect(detail.identity.inPanel).toBe(false);
  });

  it('answers who had an address', async () => {
    const result = await db.whoHad(
      { address: '100.64.1.7', at: '2026-11-20T08:30:00Z' },
      everything,
    );
    expect(result.sessions.map((session) => session[F.username])).toEqual(['alice']);
    const mac = await db.whoHad(
      { address: 'aa:bb:cc:00:00:01', at: new Date().toISOString() },
      everything,
    );
    expect(mac.sessions.map((session) => session[F.id])).toEqual([fresh]);
  });
});
