import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, online } from '../../support/seed';

const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString();

// The stale count reads every online row from the table (the per-NAS counts need only an
// index): the stat row counts it once a minute and passes it on in between, while the
// online counts and the page's stale flags stay live on every read.
describe('the stat row stale count', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let ids: string[];

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    ids = await insertSessions(database.pool(), [
      online({
        username: 'quiet',
        nas: '127.0.10.1',
        start: minutesAgo(300),
        update: minutesAgo(45),
      }),
      online({
        username: 'fresh',
        nas: '127.0.10.1',
        start: minutesAgo(300),
        update: minutesAgo(2),
      }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('passes the count on between counts, while online counts and row flags stay live', async () => {
    const first = await db.stats(everything);
    expect(first).toMatchObject({ online: 2, stale: 1 });
    expect(first.staleReadAt).toBe(first.readAt);

    // 'fresh' goes quiet and a new session starts, both behind Session Desk's back.
    await database
      .pool()
      .query('UPDATE radacct SET acctupdatetime = $1 WHERE radacctid = $2', [
        minutesAgo(50),
        ids[1],
      ]);
    await insertSessions(database.pool(), [
      online({ username: 'new', nas: '127.0.10.2', start: minutesAgo(1), update: minutesAgo(1) }),
    ]);

    const second = await db.stats(everything);
    expect(second.online).toBe(3);
    expect(second.perNas.map((pill) => [pill.nasIp, pill.online])).toEqual([
      ['127.0.10.1', 2],
      ['127.0.10.2', 1],
    ]);
    expect(second).toMatchObject({ stale: 1, staleReadAt: first.staleReadAt });
    expect(second.readAt >= first.readAt).toBe(true);
    const page = await db.listSessions(listInput({ status: 'online' }), everything);
    expect(page.stale.sort()).toEqual([ids[0], ids[1]].sort());

    const counted = await db.stats(everything, { countStale: true });
    expect(counted.stale).toBe(2);
    expect(counted.staleReadAt).toBe(counted.readAt);
  });

  it('counts again right after Session Desk closes stale sessions', async () => {
    await db.stats(everything, { countStale: true });
    const closed = await db.closeLostSessions([ids[0]!], everything, true);
    expect(closed).toHaveLength(1);
    const after = await db.stats(everything);
    expect(after).toMatchObject({ online: 2, stale: 1 });
    expect(after.staleReadAt).toBe(after.readAt);
  });
});
