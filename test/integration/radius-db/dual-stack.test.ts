import { F, type SessionRow } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, operatorErrorOf } from '../../support/radius-db-helpers';
import { insertSessions, offline, online } from '../../support/seed';

// Dual-stack subscribers in radacct as FreeRADIUS writes them (a /64 WAN prefix, a /56
// delegated prefix), read and found at a moment on the stock inet columns, on text columns,
// and with no IPv6 columns at all.
//
// One delegated /56 through a morning: nina held 2001:db8:aa10:100::/56 08:00–09:00; omar got
// it at 09:00 and is still on; pia's stale session from 08:30 (same /56, never closed)
// overlaps both. quinn's WAN /64 lies inside nina's /56 only by its text, not its bits.
const schemas = [
  { name: 'stock inet columns', schema: 'stock' as const, alter: null },
  {
    name: 'text columns',
    schema: 'text-columns' as const,
    alter: `ALTER TABLE radacct ADD COLUMN framedipv6prefix text,
              ADD COLUMN delegatedipv6prefix text, ADD COLUMN framedinterfaceid text`,
  },
];

const ipv6 = (row: SessionRow | undefined) => row?.slice(F.framedIpv6Address);

describe.each(schemas)('dual-stack sessions on $name', ({ schema, alter }) => {
  let database: TestDatabase;
  let db: RadiusDb;
  let nina: string;
  let omar: string;
  let pia: string;
  let quinn: string;

  const holders = async (address: string, at: string) => {
    const result = await db.whoHad({ address, at }, everything);
    return result.sessions.map((session) => session[F.id]);
  };

  beforeAll(async () => {
    database = await createTestDatabase({ schema });
    const pool = database.pool();
    if (alter) await pool.query(alter);
    [nina, omar, pia, quinn] = (await insertSessions(pool, [
      offline(
        {
          username: 'nina',
          ip: '100.64.0.20',
          wanPrefix: '2001:db8:bb10:100::/64',
          delegatedPrefix: '2001:db8:aa10:100::/56',
          start: '2026-11-21T08:00:00Z',
        },
        '2026-11-21T09:00:00Z',
      ),
      online({
        username: 'omar',
        ip: '100.64.0.21',
        wanPrefix: '2001:db8:bb10:200::/64',
        delegatedPrefix: '2001:db8:aa10:100::/56',
        start: '2026-11-21T09:00:00Z',
      }),
      online({
        username: 'pia',
        ip: null,
        wanPrefix: '2001:db8:bb10:300::/64',
        delegatedPrefix: '2001:db8:aa10:100::/56',
        start: '2026-11-21T08:30:00Z',
      }),
      online({
        username: 'quinn',
        ip: '100.64.0.23',
        ipv6: '2001:db8:cc00::1',
        wanPrefix: '2001:db8:aa10:1ff::/64',
        start: '2026-11-21T07:00:00Z',
      }),
      online({ username: 'rosa', ip: '100.64.0.24', start: '2026-11-21T07:00:00Z' }),
    ])) as [string, string, string, string];
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('carries the IPv6 address, WAN prefix and delegated prefix on every session row', async () => {
    const page = await db.listSessions(listInput({ status: 'all', pageSize: 10 }), everything);
    const byUser = new Map(page.rows.map((row) => [row[F.username], row]));
    expect(ipv6(byUser.get('nina'))).toEqual([
      null,
      '2001:db8:bb10:100::/64',
      '2001:db8:aa10:100::/56',
      null,
    ]);
    expect(ipv6(byUser.get('quinn'))?.slice(0, 2)).toEqual([
      '2001:db8:cc00::1',
      '2001:db8:aa10:1ff::/64',
    ]);
    expect(ipv6(byUser.get('rosa'))).toEqual([null, null, null, null]);
    expect(byUser.get('pia')?.[F.framedIp]).toBeNull();
  });

  it('finds who had an address inside a delegated /56 at a moment, overlaps included', async () => {
    // Any address of the customer's LAN, not the prefix's first one.
    await expect(holders('2001:db8:aa10:1ab:5:6:7:8', '2026-11-21T08:15:00Z')).resolves.toEqual([
      nina,
    ]);
    await expect(holders('2001:db8:aa10:100::1', '2026-11-21T08:45:00Z')).resolves.toEqual([
      pia,
      nina,
    ]);
    await expect(holders('2001:db8:aa10:100::1', '2026-11-21T09:00:00Z')).resolves.toEqual([
      omar,
      pia,
    ]);
    await expect(holders('2001:db8:aa10:100::1', '2026-11-21T07:59:00Z')).resolves.toEqual([]);
    // Outside the /56: nobody.
    await expect(holders('2001:db8:aa10:200::1', '2026-11-21T08:15:00Z')).resolves.toEqual([]);
  });

  it('finds by WAN prefix and by framed address, in any notation', async () => {
    await expect(
      holders('2001:0db8:bb10:0300:0000:0000:0000:0042', '2026-11-21T10:00:00Z'),
    ).resolves.toEqual([pia]);
    await expect(holders('2001:DB8:CC00:0:0:0:0:1', '2026-11-21T10:00:00Z')).resolves.toEqual([
      quinn,
    ]);
    // quinn's /64 2001:db8:aa10:1ff::/64 is inside 2001:db8:aa10:100::/56: both contain it.
    await expect(holders('2001:db8:aa10:1ff::9', '2026-11-21T08:45:00Z')).resolves.toEqual([
      pia,
      nina,
      quinn,
    ]);
  });

  const found = async (search: string, status: 'online' | 'all' = 'all') => {
    const page = await db.listSessions(
      listInput({ search, status, sort: { column: 'username', direction: 'asc' } }),
      everything,
    );
    return page.rows.map((row) => row[F.username]);
  };

  it('searches a full address: the sessions whose address or prefixes contain it', async () => {
    // Inside the delegated /56 (nina's ended session, omar's and pia's open ones).
    await expect(found('2001:db8:aa10:1ab::77')).resolves.toEqual(['nina', 'omar', 'pia']);
    await expect(found('2001:db8:aa10:1ab::77', 'online')).resolves.toEqual(['omar', 'pia']);
    // Compressed and full notations are one address.
    await expect(found('2001:db8:cc00::1')).resolves.toEqual(['quinn']);
    await expect(found('2001:0DB8:CC00:0000:0000:0000:0000:0001')).resolves.toEqual(['quinn']);
    // In a WAN /64 only.
    await expect(found('2001:db8:bb10:200:a:b:c:d')).resolves.toEqual(['omar']);
    await expect(found('2001:db8:dd00::1')).resolves.toEqual([]);
  });

  it('searches a fragment as text, leading zeros of whole groups aside', async () => {
    await expect(found('2001:db8:bb10:3')).resolves.toEqual(['pia']);
    await expect(found('2001:0db8:aa10')).resolves.toEqual(['nina', 'omar', 'pia', 'quinn']);
    await expect(found('AA10:1FF')).resolves.toEqual(['quinn']);
    await expect(found('bb10:200::/64')).resolves.toEqual(['omar']);
  });

  it('says so when the text is no address', async () => {
    const error = await operatorErrorOf(
      db.whoHad({ address: '2001:db8:aa10', at: '2026-11-21T08:15:00Z' }, everything),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('2001:db8');
  });
});

describe('a radacct without IPv6 columns (an older schema)', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    const pool = database.pool();
    await pool.query(`ALTER TABLE radacct DROP COLUMN framedipv6address,
      DROP COLUMN framedipv6prefix, DROP COLUMN delegatedipv6prefix,
      DROP COLUMN framedinterfaceid`);
    await insertSessions(pool, [online({ username: 'sam', ip: '100.64.0.30' })]);
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('lists sessions with empty IPv6 fields', async () => {
    const page = await db.listSessions(listInput({}), everything);
    expect(page.rows).toHaveLength(1);
    expect(ipv6(page.rows[0])).toEqual([null, null, null, null]);
  });

  it('answers an IPv6 who-had with a clear error, and IPv4 as before', async () => {
    const error = await operatorErrorOf(
      db.whoHad({ address: '2001:db8::1', at: '2026-11-21T08:15:00Z' }, everything),
    );
    expect(error.message).toContain('no IPv6 columns');
    const result = await db.whoHad(
      { address: '100.64.0.30', at: '2026-11-21T08:15:00Z' },
      everything,
    );
    expect(result.sessions.map((row) => row[F.username])).toEqual(['sam']);
  });
});
