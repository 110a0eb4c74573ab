import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, offline, online } from '../../support/seed';

const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString();

// One rule everywhere: stale when nothing was heard for the profile's threshold (30 min by
// default), and never sooner than three of the session's own interim intervals.
describe('the stale rule', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let ids: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    const names = ['fresh', 'quiet-40', 'hourly-50', 'hourly-200', 'never-updated', 'closed'];
    const inserted = await insertSessions(database.pool(), [
      online({
        username: 'fresh',
        nas: '127.0.10.1',
        start: minutesAgo(120),
        update: minutesAgo(3),
      }),
      online({
        username: 'quiet-40',
        nas: '127.0.10.1',
        start: minutesAgo(300),
        update: minutesAgo(40),
      }),
      online({
        username: 'hourly-50',
        nas: '127.0.10.2',
        start: minutesAgo(300),
        update: minutesAgo(50),
      }),
      online({
        username: 'hourly-200',
        nas: '127.0.10.2',
        start: minutesAgo(300),
        update: minutesAgo(200),
      }),
      online({ username: 'never-updated', nas: '127.0.10.2', start: minutesAgo(45) }),
      offline(
        { username: 'closed', start: minutesAgo(600), update: minutesAgo(500) },
        minutesAgo(400),
      ),
    ]);
    ids = Object.fromEntries(names.map((name, i) => [name, inserted[i]!]));
    // Hourly interims: 50 minutes of silence is one late interim, not a lost session.
    await database
      .pool()
      .query('UPDATE radacct SET acctinterval = 3600 WHERE username LIKE $1', ['hourly-%']);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('flags the page rows the rule says, and only open ones', async () => {
    const page = await db.listSessions(listInput({ status: 'all' }), everything);
    expect(page.stale.sort()).toEqual(
      [ids['quiet-40'], ids['hourly-200'], ids['never-updated']].sort(),
    );
  });

  it('lists stale sessions under the Stale status, counted exactly', async () => {
    const page = await db.listSessions(
      listInput({ status: 'stale', sort: { column: 'username', direction: 'asc' } }),
      everything,
    );
    expect(page.rows.map((row) => row[F.username])).toEqual([
      'hourly-200',
      'never-updated',
      'quiet-40',
    ]);
    expect(page.matches).toEqual({ kind: 'exact', count: 3 });
  });

  it('counts stale sessions in the stat row', async () => {
    const stats = await db.stats(everything);
    expect(stats).toMatchObject({ online: 5, stale: 3 });
  });

  it('uses the same rule on the subscriber and NAS pages', async () => {
    const subscriber = await db.subscriberDetail('hourly-50', everything);
    expect(subscriber.online.map((session) => session.stale)).toEqual([false]);
    expect(subscriber.staleAfterSeconds).toBe(1800);
    await expect(db.nasHealth('127.0.10.2', everything)).resolves.toMatchObject({
      online: 3,
      stale: 2,
    });
  });

  it('follows the profile threshold', async () => {
    const patient = await openRadiusDb(database.profile, { staleAfterSeconds: 3 * 3600 });
    try {
      const stats = await patient.stats(everything);
      expect(stats.stale).toBe(1);
      const page = await patient.listSessions(listInput({ status: 'stale' }), everything);
      expect(page.rows.map((row) => row[F.username])).toEqual(['hourly-200']);
    } finally {
      await patient.close();
    }
  });

  it('refuses a threshold out of range', async () => {
    await expect(openRadiusDb(database.profile, { staleAfterSeconds: 5 })).rejects.toThrow(
      /out of range/,
    );
  });
});
