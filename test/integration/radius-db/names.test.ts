import { F, type SessionRow } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import {
  addFreeradiusNas,
  addNasDevice,
  addService,
  addSubscriber,
  insertSessions,
  offline,
  online,
} from '../../support/seed';

const byUsername = (rows: SessionRow[]) => new Map(rows.map((row) => [row[F.username], row]));

describe('names of subscribers, services and NAS (panel tables)', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const fibre = await addService(pool, 'Fibre 100M');
    await addSubscriber(pool, {
      username: 'alice@isp.example',
      fullName: 'Alice Ng',
      serviceId: fibre,
    });
    await addSubscriber(pool, { username: 'bob@isp.example', fullName: null });
    await addNasDevice(pool, 'BNG North', '127.0.10.1');
    // The same address listed twice must not show its sessions twice.
    await addNasDevice(pool, 'BNG North (old)', '127.0.10.1');
    await addNasDevice(pool, 'BNG South', ' 127.0.10.2 ');
    // FreeRADIUS's own nas table is ignored when the panel's nas_devices exists.
    await addFreeradiusNas(pool, 'radius-name', '127.0.10.3');
    await insertSessions(pool, [
      online({ username: 'alice@isp.example', nas: '127.0.10.1' }),
      online({ username: 'bob@isp.example', nas: '127.0.10.2' }),
      online({ username: 'ghost@isp.example', nas: '127.0.10.3' }),
      offline({ username: 'alice@isp.example', nas: '127.0.10.1' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('detects the panel tables and nas_devices', () => {
    expect(db.summary).toEqual({
      panelTables: true,
      nasSource: 'nas_devices',
      addressType: 'inet',
      ipv6Type: 'inet',
      radacctPartitioned: false,
    });
  });

  it('joins full name, service and NAS name, without duplicating sessions', async () => {
    const page = await db.listSessions(listInput({ status: 'all' }), everything);
    expect(page.rows).toHaveLength(4);
    expect(page.matches).toEqual({ kind: 'exact', count: 4 });
    const rows = page.rows.filter((row) => row[F.stopTime] === null);
    const online = byUsername(rows);
    expect(online.get('alice@isp.example')?.slice(F.fullName, F.framedIp)).toEqual([
      'Alice Ng',
      'Fibre 100M',
      '127.0.10.1',
      'BNG North',
    ]);
    expect(online.get('bob@isp.example')?.slice(F.fullName, F.framedIp)).toEqual([
      null,
      null,
      '127.0.10.2',
      'BNG South',
    ]);
  });

  it('leaves full name and service null for an orphaned session, and the NAS name null', async () => {
    const page = await db.listSessions(listInput({ search: 'ghost' }), everything);
    expect(page.rows.map((row) => row.slice(F.username, F.framedIp))).toEqual([
      ['ghost@isp.example', null, null, '127.0.10.3', null],
    ]);
  });

  it('lists the NAS directory plus NAS with online sessions that it lacks', async () => {
    await expect(db.listNas(everything)).resolves.toEqual([
      { nasIp: '127.0.10.1', name: 'BNG North' },
      { nasIp: '127.0.10.2', name: 'BNG South' },
      { nasIp: '127.0.10.3', name: null },
    ]);
  });

  it('filters by NAS address', async () => {
    const page = await db.listSessions(
      listInput({ nasIp: '127.0.10.1', status: 'all' }),
      everything,
    );
    expect(page.rows.map((row) => row[F.nasIp])).toEqual(['127.0.10.1', '127.0.10.1']);
  });

  it('counts online sessions per NAS with names', async () => {
    const stats = await db.stats(everything);
    expect(stats.online).toBe(3);
    expect(stats.perNas).toEqual([
      { nasIp: '127.0.10.1', nasName: 'BNG North', online: 1 },
      { nasIp: '127.0.10.2', nasName: 'BNG South', online: 1 },
      { nasIp: '127.0.10.3', nasName: null, online: 1 },
    ]);
    expect(stats.readAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('sorts by NAS as shown: the name, else the address', async () => {
    const page = await db.listSessions(
      listInput({ sort: { column: 'nas', direction: 'asc' } }),
      everything,
    );
    expect(page.rows.map((row) => row[F.nasName] ?? row[F.nasIp])).toEqual([
      '127.0.10.3',
      'BNG North',
      'BNG South',
    ]);
  });
});

describe('NAS names from the stock FreeRADIUS nas table', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    const pool = database.pool();
    await addFreeradiusNas(pool, 'bng-east', '127.0.10.5');
    await addFreeradiusNas(pool, 'bng-east-dup', '127.0.10.5');
    await addFreeradiusNas(pool, 'by-hostname', 'bng.isp.example');
    await insertSessions(pool, [
      online({ username: 'erin', nas: '127.0.10.5' }),
      online({ username: 'frank', nas: '127.0.10.6' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('names sessions from nas.shortname, null when no row matches', async () => {
    expect(db.summary.nasSource).toBe('nas');
    const page = await db.listSessions(listInput({}), everything);
    expect(page.rows).toHaveLength(2);
    const rows = byUsername(page.rows);
    expect(rows.get('erin')?.[F.nasName]).toBe('bng-east');
    expect(rows.get('frank')?.[F.nasName]).toBeNull();
    expect(rows.get('erin')?.[F.fullName]).toBeNull();
    expect(rows.get('erin')?.[F.service]).toBeNull();
  });

  it('lists only addressable NAS: a host-name entry cannot match a session', async () => {
    await expect(db.listNas(everything)).resolves.toEqual([
      { nasIp: '127.0.10.5', name: 'bng-east' },
      { nasIp: '127.0.10.6', name: null },
    ]);
  });
});

describe('no NAS directory at all', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await database.pool().query('DROP TABLE nas');
    await insertSessions(database.pool(), [
      online({ username: 'gina', nas: '127.0.10.8' }),
      online({ username: 'hank', nas: '127.0.10.7' }),
      offline({ username: 'ivan', nas: '127.0.10.9' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('takes NAS addresses from the online sessions and leaves names null', async () => {
    expect(db.summary.nasSource).toBe('radacct');
    await expect(db.listNas(everything)).resolves.toEqual([
      { nasIp: '127.0.10.7', name: null },
      { nasIp: '127.0.10.8', name: null },
    ]);
    const page = await db.listSessions(listInput({}), everything);
    expect(page.rows.map((row) => row[F.nasName])).toEqual([null, null]);
    const stats = await db.stats(everything);
    expect(stats.perNas.map((pill) => pill.nasName)).toEqual([null, null]);
  });
});

describe('subscribers.username without a unique index', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    await pool.query('ALTER TABLE subscribers DROP CONSTRAINT subscribers_username_key');
    await addSubscriber(pool, { username: 'twin', fullName: 'First Twin' });
    await addSubscriber(pool, { username: 'twin', fullName: 'Second Twin' });
    await insertSessions(pool, [online({ username: 'twin' })]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('shows each session once, named after the first subscriber row', async () => {
    for (const column of ['startTime', 'fullName'] as const) {
      const page = await db.listSessions(
        listInput({ sort: { column, direction: 'asc' } }),
        everything,
      );
      expect(page.rows.map((row) => row[F.fullName])).toEqual(['First Twin']);
    }
  });
});
