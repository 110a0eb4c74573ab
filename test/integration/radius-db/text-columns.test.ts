import { F, sortColumns } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, recommendedIndexes, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, walkAllPages } from '../../support/radius-db-helpers';
import { addFreeradiusNas, insertSessions, offline, online } from '../../support/seed';

describe('radacct with text columns', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'text-columns' });
    const pool = database.pool();
    await addFreeradiusNas(pool, 'bng-text', '127.0.10.1');
    await insertSessions(pool, [
      online({
        username: 'alice',
        nas: '127.0.10.1',
        ip: '100.64.1.5',
        mac: 'AA:BB:CC:00:00:01',
        start: '2026-11-21 08:00:00',
        download: '18446744073709551615',
        upload: '900',
        sessionTime: '3600',
      }),
      online({
        username: 'bob',
        nas: '127.0.10.2',
        ip: '100.64.1.57',
        start: '2026-11-21 09:30:00+02',
        download: '99',
        sessionTime: ' 60 ',
      }),
      online({ username: 'carol', nas: '127.0.10.2', ip: null, start: '', download: '' }),
      offline({ username: 'dave', nas: '127.0.10.1', ip: '100.64.9.9', download: '1000' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('detects text addresses', () => {
    expect(db.summary).toEqual({
      panelTables: false,
      nasSource: 'nas',
      addressType: 'text',
      ipv6Type: null,
      radacctPartitioned: false,
    });
    expect(recommendedIndexes(db.summary)).toContain(
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_framedip_octets_trgm_idx ON radacct USING gin (((CASE WHEN framedipaddress ~ '^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$' THEN split_part(framedipaddress, '.', 1) || 'x' || split_part(framedipaddress, '.', 2) || 'y' || split_part(framedipaddress, '.', 3) || 'z' || split_part(framedipaddress, '.', 4) ELSE framedipaddress END)) gin_trgm_ops);",
    );
  });

  it('searches part of a text framed IP', async () => {
    const page = await db.listSessions(listInput({ search: '64.1.5' }), everything);
    expect(page.rows.map((row) => row[F.username]).sort()).toEqual(['alice', 'bob']);
    const history = await db.listSessions(
      listInput({ search: '64.9.', status: 'offline' }),
      everything,
    );
    expect(history.rows.map((row) => row[F.username])).toEqual(['dave']);
  });

  it('filters by a text NAS address and names it from nas', async () => {
    const page = await db.listSessions(
      listInput({ nasIp: '127.0.10.1', status: 'all' }),
      everything,
    );
    expect(page.rows.map((row) => [row[F.username], row[F.nasName]]).sort()).toEqual([
      ['alice', 'bng-text'],
      ['dave', 'bng-text'],
    ]);
  });

  it('reads text times and counters as ISO times and exact numbers', async () => {
    const page = await db.listSessions(
      listInput({ sort: { column: 'username', direction: 'asc' } }),
      everything,
    );
    const [alice, bob, carol] = page.rows;
    expect(alice?.slice(F.startTime, F.terminateCause)).toEqual([
      '2026-11-21T08:00:00Z',
      null,
      3600,
      '18446744073709551615',
      '900',
    ]);
    expect(bob?.[F.startTime]).toBe('2026-11-21T07:30:00Z');
    expect(bob?.[F.sessionTime]).toBe(60);
    expect(carol?.[F.startTime]).toBeNull();
    expect(carol?.[F.download]).toBeNull();
  });

  it('sorts text counters and times by value, not as text', async () => {
    const byDownload = await db.listSessions(
      listInput({ sort: { column: 'download', direction: 'desc' } }),
      everything,
    );
    expect(byDownload.rows.map((row) => row[F.username])).toEqual(['alice', 'bob', 'carol']);
    const byStart = await db.listSessions(
      listInput({ sort: { column: 'startTime', direction: 'asc' } }),
      everything,
    );
    expect(byStart.rows.map((row) => row[F.username])).toEqual(['bob', 'alice', 'carol']);
  });

  it('walks every sort column by keyset', async () => {
    for (const column of sortColumns) {
      for (const direction of ['asc', 'desc'] as const) {
        const { rows } = await walkAllPages(
          db,
          listInput({ status: 'all', sort: { column, direction }, pageSize: 1 }),
        );
        expect(new Set(rows.map((row) => row[F.id])).size, `${column} ${direction}`).toBe(4);
      }
    }
  });

  it('counts per NAS, named ones first, never ordered by count', async () => {
    const stats = await db.stats(everything);
    expect(stats.perNas).toEqual([
      { nasIp: '127.0.10.1', nasName: 'bng-text', online: 1 },
      { nasIp: '127.0.10.2', nasName: null, online: 2 },
    ]);
  });
});
