import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { historySearchCountBound, openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { historyWalkWindow } from '../../../src-main/radius-db/history-search-route';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, walkAllPages } from '../../support/radius-db-helpers';

// A history longer than the walk window, so that each way a history search finds its page
// is taken (history-search-route.ts): matches among the newest sessions (the walk fills the
// page), few matches older than the window (read and sorted), many older ones (the planner).
// 50,000 sessions, 9 in 10 closed: the newest 40,000 of either status begin after session
// 5,500, so sessions 1..4,000 lie outside the window whether the filter is Offline or All.
const total = historyWalkWindow + 10_000;
const oldest = 4_000;

function usernameSql(): string {
  return `CASE WHEN n > ${total - 1_000} AND n % 5 = 0 THEN 'recent' || n
               WHEN n <= ${oldest} AND n % 10 = 0 THEN 'oldfew' || n
               WHEN n <= ${oldest} AND n % 2 = 1 THEN 'oldmany' || n
               ELSE 'plain' || n END`;
}

describe.each(['stock', 'partitioned'] as const)('history search routes (%s radacct)', (schema) => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema });
    // Start times a minute apart from January 2026; sessions on two NAS; one open in ten. In
    // batches: the partitioned radacct's trigger takes an advisory lock per row inserted,
    // and one statement of 45,000 rows runs out of lock table.
    for (let from = 1; from <= total; from += 5_000) {
      await database.pool().query(
        `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress,
                              acctstarttime, acctstoptime, framedipaddress)
         SELECT 's' || n, 'u' || n, ${usernameSql()},
                CASE WHEN n % 3 = 0 THEN '127.0.10.2' ELSE '127.0.10.1' END::inet,
                '2026-01-01'::timestamptz + n * interval '1 minute',
                CASE WHEN n % 10 = 7 THEN NULL
                     ELSE '2026-01-01'::timestamptz + n * interval '1 minute' + interval '30 s' END,
                '100.64.0.0'::inet + n
         FROM generate_series($1::int, least($1::int + 4999, $2::int)) AS n`,
        [from, total],
      );
    }
    await database.pool().query('ANALYZE radacct');
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** The matching ids, newest first, as the spec's substring match and the sort define them. */
  async function expected(text: string, status: 'offline' | 'all', nasIp: string | null) {
    const result = await database.pool().query<{ id: string }>(
      `SELECT radacctid::text AS id FROM radacct
       WHERE (username ILIKE $1 OR host(framedipaddress) ILIKE $1 OR acctsessionid = $2)
         AND ($3::text IS NULL OR nasipaddress = $3::inet)
         AND ($4 = 'all' OR acctstoptime IS NOT NULL)
       ORDER BY acctstarttime DESC, radacctid DESC`,
      [`%${text}%`, text, nasIp, status],
    );
    return result.rows.map((row) => row.id);
  }

  const cases = [
    // The walk fills the page from the newest sessions.
    { text: 'recent', count: 'exact' },
    // Few matches, all older than the window: read whole, then sorted.
    { text: 'oldfew', count: 'exact' },
    // Many matches, all older than the window: counted "1,000+", the planner's way.
    { text: 'oldmany', count: 'atLeast' },
    // Matches on both sides of the window's edge.
    { text: 'plain4', count: 'atLeast' },
    // No match at all.
    { text: 'nobody', count: 'exact' },
  ] as const;

  for (const { text, count } of cases) {
    for (const status of ['offline', 'all'] as const) {
      for (const nasIp of [null, '127.0.10.2']) {
        it(`'${text}' ${status}${nasIp ? ` on ${nasIp}` : ''}: every match, newest first`, async () => {
          const want = await expected(text, status, nasIp);
          const input = listInput({ search: text, status, nasIp, pageSize: 100 });
          const first = await db.listSessions(input, everything);
          expect(first.rows.map((row) => row[F.id])).toEqual(want.slice(0, 100));
          expect(first.matches.kind).toBe(
            want.length > historySearchCountBound ? 'atLeast' : 'exact',
          );
          if (nasIp === null && status === 'all') expect(first.matches.kind).toBe(count);
          if (first.matches.kind === 'exact') expect(first.matches.count).toBe(want.length);
          // Deeper pages start from a cursor: the walk and the fallbacks must agree there too.
          const { rows } = await walkAllPages(db, { ...input, pageSize: 700 });
          expect(rows.map((row) => row[F.id])).toEqual(want);
        });
      }
    }
  }
});
