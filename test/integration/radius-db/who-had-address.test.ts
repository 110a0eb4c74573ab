import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything, type OperatorScope } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { operatorErrorOf } from '../../support/radius-db-helpers';
import { addReseller, addSubscriber, insertSessions, offline, online } from '../../support/seed';

// One framed IP through a morning: ivan held it 08:00–09:00 and logged off; judy got it at
// 09:00 and is still on; kate's session from 08:30 was never closed (a NAS that lost it).
describe('who had this address at this time', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let north: OperatorScope;
  let ivan: string;
  let judy: string;
  let kate: string;
  let laura: string;

  const holders = async (address: string, at: string, scope: OperatorScope = everything) => {
    const result = await db.whoHad({ address, at }, scope);
    return result.sessions.map((session) => session[F.id]);
  };

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const northId = await addReseller(pool, 'North Fiber');
    const southId = await addReseller(pool, 'South Fiber');
    north = { kind: 'reseller', resellerId: northId };
    await addSubscriber(pool, { username: 'ivan', fullName: 'Ivan', resellerId: northId });
    await addSubscriber(pool, { username: 'judy', resellerId: northId });
    await addSubscriber(pool, { username: 'kate', resellerId: southId });
    await addSubscriber(pool, { username: 'laura', resellerId: northId });
    [ivan, judy, kate, laura] = (await insertSessions(pool, [
      offline(
        {
          username: 'ivan',
          ip: '100.64.0.10',
          mac: 'aa-bb-cc-00-00-01',
          start: '2026-11-21T08:00:00Z',
        },
        '2026-11-21T09:00:00Z',
      ),
      online({
        username: 'judy',
        ip: '100.64.0.10',
        mac: 'AA:BB:CC:00:00:02',
        start: '2026-11-21T09:00:00Z',
      }),
      online({ username: 'kate', ip: '100.64.0.10', start: '2026-11-21T08:30:00Z' }),
      offline(
        {
          username: 'laura',
          ip: '100.64.0.11',
          mac: 'AABB.CC00.0001',
          start: '2026-11-20T08:00:00Z',
        },
        '2026-11-20T10:00:00Z',
      ),
    ])) as [string, string, string, string];
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('finds the session whose [start, stop) contains the moment', async () => {
    await expect(holders('100.64.0.10', '2026-11-21T08:15:00Z')).resolves.toEqual([ivan]);
    await expect(holders('100.64.0.10', '2026-11-21T07:59:59Z')).resolves.toEqual([]);
    await expect(holders('100.64.0.11', '2026-11-20T09:59:00+00:00')).resolves.toEqual([laura]);
    await expect(holders('100.64.0.11', '2026-11-20T10:00:00Z')).resolves.toEqual([]);
  });

  it('lists every overlapping session, latest start first', async () => {
    await expect(holders('100.64.0.10', '2026-11-21T08:45:00Z')).resolves.toEqual([kate, ivan]);
    // At 09:00 sharp ivan's session has ended and judy's has begun.
    await expect(holders('100.64.0.10', '2026-11-21T09:00:00Z')).resolves.toEqual([judy, kate]);
    await expect(holders('100.64.0.10', '2026-11-21T11:00:00+02:00')).resolves.toEqual([
      judy,
      kate,
    ]);
  });

  it('does not put an open session in the future', async () => {
    await expect(holders('100.64.0.10', '2099-01-01T00:00:00Z')).resolves.toEqual([]);
  });

  it('finds a MAC whatever separators radacct and the operator use', async () => {
    await expect(holders('AA:BB:CC:00:00:01', '2026-11-21T08:15:00Z')).resolves.toEqual([ivan]);
    await expect(holders('aabb.cc00.0001', '2026-11-20T09:00:00Z')).resolves.toEqual([laura]);
    const result = await db.whoHad(
      { address: 'aa-bb-cc-00-00-02', at: '2026-11-21T09:30:00Z' },
      everything,
    );
    expect(result.kind).toBe('mac');
    expect(result.sessions.map((session) => session[F.username])).toEqual(['judy']);
  });

  it('returns the subscriber with each session', async () => {
    const result = await db.whoHad(
      { address: '100.64.0.10', at: '2026-11-21T08:15:00Z' },
      everything,
    );
    expect(result).toMatchObject({
      kind: 'ip',
      address: '100.64.0.10',
      at: '2026-11-21T08:15:00.000Z',
    });
    expect(result.sessions[0]![F.username]).toBe('ivan');
    expect(result.sessions[0]![F.fullName]).toBe('Ivan');
  });

  it('shows a reseller only its own subscribers’ sessions', async () => {
    await expect(holders('100.64.0.10', '2026-11-21T08:45:00Z', north)).resolves.toEqual([ivan]);
  });

  it('refuses an address that is neither an IP nor a MAC', async () => {
    const error = await operatorErrorOf(
      db.whoHad({ address: 'alice', at: '2026-11-21T08:00:00Z' }, everything),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/neither an IP address nor a MAC address/);
  });
});
