import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything, type OperatorScope } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, operatorErrorOf, walkAllPages } from '../../support/radius-db-helpers';
import { addReseller, addSubscriber, insertSessions, offline, online } from '../../support/seed';

describe('reseller scope', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let north: OperatorScope;
  let northEast: OperatorScope;
  let south: OperatorScope;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const top = await addReseller(pool, 'Top');
    const northId = await addReseller(pool, 'North', top);
    const northEastId = await addReseller(pool, 'North-East', northId);
    const northEastFarId = await addReseller(pool, 'North-East far', northEastId);
    const southId = await addReseller(pool, 'South', top);
    north = { kind: 'reseller', resellerId: northId };
    northEast = { kind: 'reseller', resellerId: northEastId };
    south = { kind: 'reseller', resellerId: southId };
    await addSubscriber(pool, { username: 'n1', resellerId: northId });
    await addSubscriber(pool, { username: 'ne1', resellerId: northEastId });
    await addSubscriber(pool, { username: 'nef1', resellerId: northEastFarId });
    await addSubscriber(pool, { username: 's1', resellerId: southId });
    await addSubscriber(pool, { username: 't1', resellerId: top });
    await insertSessions(pool, [
      online({ username: 'n1', nas: '127.0.10.1' }),
      online({ username: 'ne1', nas: '127.0.10.2' }),
      online({ username: 'nef1', nas: '127.0.10.2' }),
      offline({ username: 'ne1', nas: '127.0.10.2' }),
      online({ username: 's1', nas: '127.0.10.1' }),
      online({ username: 't1', nas: '127.0.10.3' }),
      online({ username: 'orphan', nas: '127.0.10.3' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const usernames = async (scope: OperatorScope, status: 'online' | 'all' = 'online') => {
    const { rows } = await walkAllPages(
      db,
      listInput({ status, pageSize: 2, sort: { column: 'username', direction: 'asc' } }),
      scope,
    );
    return rows.map((row) => row[F.username]);
  };

  it('shows a reseller its own subscribers and every sub-reseller’s, not its siblings’', async () => {
    await expect(usernames(north)).resolves.toEqual(['n1', 'ne1', 'nef1']);
    await expect(usernames(northEast)).resolves.toEqual(['ne1', 'nef1']);
    await expect(usernames(south)).resolves.toEqual(['s1']);
    await expect(usernames(north, 'all')).resolves.toEqual(['n1', 'ne1', 'ne1', 'nef1']);
  });

  it('shows everything, orphans included, to the "all" scope', async () => {
    await expect(usernames(everything)).resolves.toEqual([
      'n1',
      'ne1',
      'nef1',
      'orphan',
      's1',
      't1',
    ]);
  });

  it('counts matches under the scope', async () => {
    const page = await db.listSessions(listInput({}), north);
    expect(page.matches).toEqual({ kind: 'exact', count: 3 });
    await expect(db.countOnline(north)).resolves.toBe(3);
    await expect(db.countOnline(south)).resolves.toBe(1);
    await expect(db.countOnline(everything)).resolves.toBe(6);
  });

  it('scopes the stat row too', async () => {
    const stats = await db.stats(north);
    expect(stats.online).toBe(3);
    // In address order (no names here), never by count.
    expect(stats.perNas).toEqual([
      { nasIp: '127.0.10.1', nasName: null, online: 1 },
      { nasIp: '127.0.10.2', nasName: null, online: 2 },
    ]);
    const none = await db.stats({ kind: 'reseller', resellerId: 999_999 });
    expect(none.online).toBe(0);
    expect(none.perNas).toEqual([]);
    expect(none.readAt).toMatch(/Z$/);
  });

  it('keeps the scope when searching', async () => {
    const page = await db.listSessions(listInput({ search: '1' }), northEast);
    expect(page.rows.map((row) => row[F.username]).sort()).toEqual(['ne1', 'nef1']);
  });

  it('survives a parent_id loop in the panel data', async () => {
    const pool = database.pool();
    const a = await addReseller(pool, 'Loop A');
    const b = await addReseller(pool, 'Loop B', a);
    await pool.query('UPDATE resellers SET parent_id = $1 WHERE id = $2', [b, a]);
    await expect(db.countOnline({ kind: 'reseller', resellerId: a })).resolves.toBe(0);
  });
});

describe('reseller scope without panel tables', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [online({ username: 'someone' })]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('refuses with FORBIDDEN rather than showing everything', async () => {
    const reseller: OperatorScope = { kind: 'reseller', resellerId: 1 };
    for (const attempt of [
      db.listSessions(listInput({}), reseller),
      db.stats(reseller),
      db.countOnline(reseller),
    ]) {
      const error = await operatorErrorOf(attempt);
      expect(error.code).toBe('FORBIDDEN');
    }
  });
});
