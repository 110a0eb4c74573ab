import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, online } from '../../support/seed';

describe('octet counters and times', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [
      online({
        username: 'big-link',
        download: '9223372036854775807',
        upload: '9007199254740993',
        sessionTime: 86_400,
        start: '2026-11-21T08:00:00.123456+03:00',
        update: '2026-11-21T12:00:00Z',
      }),
      online({ username: 'over-4g', download: '4294967297', upload: '4294967296' }),
      online({ username: 'fresh', download: null, upload: null, sessionTime: null }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const row = async (username: string) => {
    const page = await db.listSessions(listInput({ search: username }), everything);
    return page.rows[0];
  };

  it('keeps counters above 2^53 exact, as decimal strings', async () => {
    const session = await row('big-link');
    expect(session?.[F.download]).toBe('9223372036854775807');
    expect(session?.[F.upload]).toBe('9007199254740993');
    expect(session?.[F.sessionTime]).toBe(86_400);
  });

  it('keeps counters above 2^32 exact', async () => {
    const session = await row('over-4g');
    expect(session?.slice(F.download, F.terminateCause)).toEqual(['4294967297', '4294967296']);
  });

  it('gives null for counters not reported yet', async () => {
    const session = await row('fresh');
    expect(session?.slice(F.sessionTime, F.terminateCause)).toEqual([null, null, null]);
  });

  it('gives times as ISO 8601 in UTC, microseconds kept', async () => {
    const session = await row('big-link');
    expect(session?.[F.startTime]).toBe('2026-11-21T05:00:00.123456Z');
    expect(session?.[F.updateTime]).toBe('2026-11-21T12:00:00Z');
    expect(session?.[F.stopTime]).toBeNull();
  });

  it('sorts counters numerically, past 2^53', async () => {
    const page = await db.listSessions(
      listInput({ sort: { column: 'download', direction: 'desc' } }),
      everything,
    );
    expect(page.rows.map((session) => session[F.username])).toEqual([
      'big-link',
      'over-4g',
      'fresh',
    ]);
  });
});

describe('timestamp without time zone', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    const pool = database.pool();
    // FreeRADIUS writes such columns in the server's zone: the database's here.
    await pool.query(
      'ALTER TABLE radacct ALTER COLUMN acctstarttime TYPE timestamp without time zone',
    );
    await pool.query(`ALTER DATABASE ${database.profile.database} SET TimeZone = 'Asia/Dhaka'`);
    await pool.query(
      `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime)
       VALUES ('1', '1', 'local-time', '127.0.10.1', '2026-11-21 14:00:00')`,
    );
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it("reads them in the server's zone and gives UTC", async () => {
    const page = await db.listSessions(listInput({}), everything);
    expect(page.rows[0]?.[F.startTime]).toBe('2026-11-21T08:00:00Z');
  });
});
