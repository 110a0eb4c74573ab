import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import {
  historyCountBound,
  historySearchCountBound,
  openRadiusDb,
  type RadiusDb,
} from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, offline, online } from '../../support/seed';

describe('online, offline and all', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [
      online({ username: 'on-1' }),
      online({ username: 'on-2' }),
      offline({ username: 'off-1' }),
      offline({ username: 'off-2' }),
      offline({ username: 'off-3' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const page = (status: 'online' | 'offline' | 'all') =>
    db.listSessions(
      listInput({ status, sort: { column: 'username', direction: 'asc' } }),
      everything,
    );

  it('online is the default and shows open sessions only', async () => {
    const result = await db.listSessions(listInput({}), everything);
    expect(result.rows.map((row) => row[F.username]).sort()).toEqual(['on-1', 'on-2']);
    expect(result.rows.every((row) => row[F.stopTime] === null)).toBe(true);
    expect(result.matches).toEqual({ kind: 'exact', count: 2 });
  });

  it('offline shows closed sessions with their stop time and cause', async () => {
    const result = await page('offline');
    expect(result.rows.map((row) => row[F.username])).toEqual(['off-1', 'off-2', 'off-3']);
    expect(result.rows[0]?.[F.stopTime]).toBe('2026-11-21T09:00:00Z');
    expect(result.rows[0]?.[F.terminateCause]).toBe('User-Request');
    expect(result.matches).toEqual({ kind: 'exact', count: 3 });
  });

  it('all shows both', async () => {
    const result = await page('all');
    expect(result.rows).toHaveLength(5);
    expect(result.matches).toEqual({ kind: 'exact', count: 5 });
  });

  it('reads the time from the database clock', async () => {
    const result = await page('online');
    const clock = await database.pool().query<{ now: Date }>('SELECT now()');
    const skew = Math.abs(Date.parse(result.readAt) - clock.rows[0]!.now.getTime());
    expect(result.readAt).toMatch(/Z$/);
    expect(skew).toBeLessThan(60_000);
  });

  it('countOnline counts the online set', async () => {
    await expect(db.countOnline(everything)).resolves.toBe(2);
  });
});

describe('bounded count of history', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await database.pool().query(
      `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress,
                            acctstarttime, acctstoptime)
       SELECT 'h' || n, 'h' || n, 'hist' || n, '127.0.10.1',
              '2026-01-01'::timestamptz + n * interval '1 minute',
              '2026-01-01'::timestamptz + n * interval '1 minute' + interval '30 seconds'
       FROM generate_series(1, $1::int) AS n`,
      [historyCountBound + 5],
    );
    await insertSessions(database.pool(), [online({ username: 'hist-online' })]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it(`stops counting history at ${historyCountBound} and says "at least"`, async () => {
    for (const status of ['offline', 'all'] as const) {
      const result = await db.listSessions(listInput({ status, pageSize: 50 }), everything);
      expect(result.matches).toEqual({ kind: 'atLeast', count: historyCountBound });
      expect(result.rows).toHaveLength(50);
      expect(result.nextCursor).not.toBeNull();
    }
  });

  it(`stops counting a history search at ${historySearchCountBound}`, async () => {
    const result = await db.listSessions(
      listInput({ status: 'offline', search: 'hist', pageSize: 50 }),
      everything,
    );
    expect(result.matches).toEqual({ kind: 'atLeast', count: historySearchCountBound });
    expect(result.rows).toHaveLength(50);
    // Every match is still there to page through: only the count stops.
    const deep = await db.listSessions(
      listInput({ status: 'offline', search: 'hist1000', pageSize: 50 }),
      everything,
    );
    expect(deep.matches).toEqual({ kind: 'exact', count: 1 + 6 });
  });

  it('counts exactly below the bound', async () => {
    const result = await db.listSessions(
      listInput({ status: 'offline', search: 'hist99' }),
      everything,
    );
    // hist99, hist990..hist999, hist9900..hist9999 and hist99xx above 10000 do not exist.
    expect(result.matches).toEqual({ kind: 'exact', count: 1 + 10 + 100 });
  });

  it('counts the online set exactly whatever the history', async () => {
    const result = await db.listSessions(listInput({ status: 'online' }), everything);
    expect(result.matches).toEqual({ kind: 'exact', count: 1 });
  });
});
