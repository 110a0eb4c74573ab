import { F, sessionRowLength, sortColumns, type SessionRow, type SortColumn } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, operatorErrorOf, walkAllPages } from '../../support/radius-db-helpers';
import {
  addNasDevice,
  addService,
  addSubscriber,
  insertSessions,
  type SessionSeed,
} from '../../support/seed';

// The reference order, written here independently of the module: the sort value with NULLs
// last (start time: as its index stores them, first when descending), radacctid breaking
// ties in the same direction.
const referenceExpression: Record<SortColumn, string> = {
  username: 'r.username',
  fullName: 's.full_name',
  service: 'sv.name',
  nas: 'coalesce(nd.name, host(r.nasipaddress))',
  framedIp: 'r.framedipaddress',
  mac: 'r.callingstationid',
  acctSessionId: 'r.acctsessionid',
  startTime: 'r.acctstarttime',
  stopTime: 'r.acctstoptime',
  duration: 'r.acctsessiontime',
  download: 'r.acctoutputoctets',
  upload: 'r.acctinputoctets',
};

/** 61 sessions with many ties and NULLs in every sortable column. */
function messySessions(): SessionSeed[] {
  return Array.from({ length: 61 }, (_, i) => ({
    username: i % 13 === 0 ? null : `user${i % 9}`,
    nas: `127.0.10.${1 + (i % 3)}`,
    ip: i % 5 === 0 ? null : `100.64.${i % 4}.${i % 7}`,
    mac: i % 4 === 0 ? null : `AA:00:00:00:00:0${i % 6}`,
    sessionId: `S${i % 10}`,
    start: i % 11 === 0 ? null : `2026-11-${10 + (i % 5)}T0${i % 3}:00:00Z`,
    stop: i % 2 === 0 ? null : `2026-11-20T1${i % 4}:00:00.25Z`,
    sessionTime: i % 6 === 0 ? null : (i % 5) * 60,
    download: i % 7 === 0 ? null : i % 3 === 0 ? '9007199254740993' : String((i % 4) * 1000),
    upload: i % 3 === 0 ? null : String(4294967296 + (i % 2)),
  }));
}

describe('keyset paging', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let allIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const gold = await addService(pool, 'Gold');
    const silver = await addService(pool, 'Silver');
    for (let n = 0; n < 6; n += 1) {
      await addSubscriber(pool, {
        username: `user${n}`,
        fullName: n === 3 ? null : `Subscriber ${n % 4}`,
        serviceId: n % 2 === 0 ? gold : n === 5 ? undefined : silver,
      });
    }
    await addNasDevice(pool, 'Alpha', '127.0.10.1');
    await addNasDevice(pool, 'Beta', '127.0.10.2');
    allIds = await insertSessions(pool, messySessions());
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  async function referenceOrder(column: SortColumn, direction: 'asc' | 'desc'): Promise<string[]> {
    const dir = direction.toUpperCase();
    // Start time sorts as its index stores NULLs (first when descending); the rest NULLs last.
    const nulls = column === 'startTime' && direction === 'desc' ? 'NULLS FIRST' : 'NULLS LAST';
    const result = await database.pool().query<{ id: string }>(
      `SELECT r.radacctid::text AS id FROM radacct r
       LEFT JOIN subscribers s ON s.username = r.username
       LEFT JOIN services sv ON sv.id = s.service_id
       LEFT JOIN nas_devices nd ON nd.ip_address = host(r.nasipaddress)
       ORDER BY ${referenceExpression[column]} ${dir} ${nulls}, r.radacctid ${dir}`,
    );
    return result.rows.map((row) => row.id);
  }

  for (const column of sortColumns) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`walks every page sorted by ${column} ${direction}: each session once, in order`, async () => {
        const { rows, pages } = await walkAllPages(
          db,
          listInput({ status: 'all', sort: { column, direction }, pageSize: 7 }),
        );
        const ids = rows.map((row) => row[F.id]);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual([...allIds].sort());
        expect(ids).toEqual(await referenceOrder(column, direction));
        expect(pages.map((page) => page.rows.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 5]);
        expect(
          pages.every((page) => page.matches.kind === 'exact' && page.matches.count === 61),
        ).toBe(true);
      });
    }
  }

  it('pages one row at a time through ties and NULLs', async () => {
    const { rows } = await walkAllPages(
      db,
      listInput({ status: 'all', sort: { column: 'download', direction: 'desc' }, pageSize: 1 }),
    );
    expect(rows.map((row) => row[F.id])).toEqual(await referenceOrder('download', 'desc'));
  });

  it('keeps filters and the cursor together (online, one NAS, a search)', async () => {
    const input = listInput({
      status: 'online',
      nasIp: '127.0.10.2',
      search: 'user',
      sort: { column: 'startTime', direction: 'desc' },
      pageSize: 2,
    });
    const { rows } = await walkAllPages(db, input);
    const expected = await database.pool().query<{ id: string }>(
      `SELECT radacctid::text AS id FROM radacct
       WHERE acctstoptime IS NULL AND nasipaddress = '127.0.10.2' AND username ILIKE '%user%'
       ORDER BY acctstarttime DESC, radacctid DESC`,
    );
    expect(rows.map((row) => row[F.id])).toEqual(expected.rows.map((row) => row.id));
    expect(rows.length).toBeGreaterThan(3);
  });

  it('gives no next cursor when the last page is exactly full', async () => {
    const first = await db.listSessions(listInput({ status: 'all', pageSize: 61 }), everything);
    expect(first.rows).toHaveLength(61);
    expect(first.nextCursor).toBeNull();
    const almost = await db.listSessions(listInput({ status: 'all', pageSize: 60 }), everything);
    expect(almost.nextCursor).not.toBeNull();
  });

  it('returns rows as compact tuples with ISO times and exact octets', async () => {
    const page = await db.listSessions(
      listInput({ status: 'all', sort: { column: 'download', direction: 'desc' }, pageSize: 1 }),
      everything,
    );
    const row = page.rows[0] as SessionRow;
    expect(row).toHaveLength(sessionRowLength);
    expect(row[F.download]).toBe('9007199254740993');
    expect(row[F.startTime] ?? '').toMatch(/^2026-11-1\dT0\d:00:00Z$/);
    expect(page.nextCursor?.id).toBe(row[F.id]);
  });

  it('rejects page sizes outside 1..1000', async () => {
    for (const pageSize of [0, 1001]) {
      const input = { ...listInput({}), pageSize };
      const error = await operatorErrorOf(db.listSessions(input, everything));
      expect(error.code).toBe('INVALID_INPUT');
    }
  });

  it('rejects a cursor whose value does not fit the sort column', async () => {
    const input = listInput({
      sort: { column: 'startTime', direction: 'desc' },
      cursor: { value: 'not a time', id: '5' },
    });
    const error = await operatorErrorOf(db.listSessions(input, everything));
    expect(error.code).toBe('INVALID_INPUT');
  });
});
