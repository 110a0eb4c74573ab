// A dual-stack Accounting-Start through the real FreeRADIUS 3.2 and its stock rlm_sql
// PostgreSQL queries (radclient as the NAS): the WAN /64 and the delegated /56 land in
// radacct's inet columns, and the Sessions table shows them, its search and who-had find them.
import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  canWriteAccounting,
  startAccountingWriter,
  type AccountingWriter,
} from '../../support/freeradius/accounting-writer';
import { listInput } from '../../support/radius-db-helpers';

describe.skipIf(!canWriteAccounting)('a dual-stack Accounting-Start written by FreeRADIUS', () => {
  let database: TestDatabase;
  let writer: AccountingWriter;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    writer = await startAccountingWriter(database.profile);
    const printed = await writer.send({
      'Acct-Status-Type': 'Start',
      'User-Name': '"tomas@fiber"',
      'Acct-Session-Id': '"81a00420"',
      'NAS-IP-Address': '127.0.10.42',
      'NAS-Port-Type': 'Ethernet',
      'Calling-Station-Id': '"AA:BB:CC:00:04:20"',
      'Framed-IP-Address': '100.64.4.20',
      'Framed-IPv6-Prefix': '2001:db8:bb10:4200::/64',
      'Delegated-IPv6-Prefix': '2001:db8:aa10:4200::/56',
    });
    expect(printed).toContain('Received Accounting-Response');
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await writer?.stop();
    await database?.drop();
  });

  it('lands in radacct as inet, the way the stock queries write it', async () => {
    const { rows } = await database.pool().query(
      `SELECT framedipv6prefix::text AS wan, delegatedipv6prefix::text AS lan,
                pg_typeof(delegatedipv6prefix)::text AS type FROM radacct`,
    );
    expect(rows).toEqual([
      { wan: '2001:db8:bb10:4200::/64', lan: '2001:db8:aa10:4200::/56', type: 'inet' },
    ]);
  });

  it('shows in the Sessions table and is found by an address of the customer LAN', async () => {
    const page = await db.listSessions(listInput({}), everything);
    expect(page.rows).toHaveLength(1);
    const [session] = page.rows;
    expect(session?.[F.username]).toBe('tomas@fiber');
    expect(session?.[F.framedIpv6Prefix]).toBe('2001:db8:bb10:4200::/64');
    expect(session?.[F.delegatedIpv6Prefix]).toBe('2001:db8:aa10:4200::/56');

    const holders = await db.whoHad(
      { address: '2001:db8:aa10:42ab::1', at: new Date().toISOString() },
      everything,
    );
    expect(holders.sessions.map((row) => row[F.username])).toEqual(['tomas@fiber']);
  });
});
