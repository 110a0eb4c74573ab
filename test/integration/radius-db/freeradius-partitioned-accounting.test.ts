// The real FreeRADIUS 3.2 writes Start, Interim-Update and Stop into a radacct partitioned by
// start time (sql/radacct-partitioned.sql) with its stock queries, rewritten only by
// sql/freeradius-queries-partitioned.awk; the Sessions table shows what it wrote.
import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  canWriteAccounting,
  startAccountingWriter,
  stockQueries,
  type AccountingWriter,
} from '../../support/freeradius/accounting-writer';
import { partitionedQueries } from '../../support/freeradius/partitioned-queries';
import { listInput, walkAllPages } from '../../support/radius-db-helpers';

const epochOf = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));
const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString();
// Two months back: a monthly partition the script made, not the current one.
const twoMonthsAgo = (): string => {
  const day = new Date();
  day.setUTCMonth(day.getUTCMonth() - 2, 15);
  return day.toISOString();
};

describe.runIf(canWriteAccounting)('FreeRADIUS accounting into a partitioned radacct', () => {
  let database: TestDatabase;
  let writer: AccountingWriter;
  let db: RadiusDb;

  const packet = (
    type: 'Start' | 'Interim-Update' | 'Stop',
    user: string,
    at: string,
    extra: Record<string, string> = {},
  ) =>
    writer.send({
      'Acct-Status-Type': type,
      'User-Name': `"${user}"`,
      'Acct-Session-Id': `"${user}-1"`,
      'NAS-IP-Address': '127.0.10.7',
      'Framed-IP-Address': '100.64.7.1',
      'Event-Timestamp': epochOf(at),
      ...extra,
    });

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'partitioned' });
    writer = await startAccountingWriter(database.profile, await partitionedQueries());
    const answers = [
      await packet('Start', 'paula', minutesAgo(30)),
      await packet('Interim-Update', 'paula', minutesAgo(20), {
        'Acct-Output-Octets': '4000',
        'Acct-Session-Time': '600',
      }),
      await packet('Stop', 'paula', minutesAgo(10), {
        'Acct-Output-Octets': '6000',
        'Acct-Session-Time': '1200',
        'Acct-Terminate-Cause': 'User-Request',
      }),
      await packet('Start', 'ravi', minutesAgo(5)),
      // The NAS retransmits the Start: the unique AcctUniqueId sends FreeRADIUS to the
      // stock alternative (an UPDATE), as on the stock table; no second row.
      await packet('Start', 'ravi', minutesAgo(5)),
      await packet('Start', 'olga', twoMonthsAgo()),
      // A NAS whose clock is years behind: the DEFAULT partition takes it.
      await packet('Start', 'ancient', '2019-05-05T05:05:05Z'),
    ];
    for (const answer of answers) expect(answer).toContain('Received Accounting-Response');
    db = await openRadiusDb(database.profile);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await writer?.stop();
    await database?.drop();
  });

  it('lands one row per session, each in the partition of its start time', async () => {
    const { rows } = await database.pool().query<{
      username: string;
      partition: string;
      open: boolean;
      download: string | null;
    }>(
      `SELECT username, tableoid::regclass::text AS partition, acctstoptime IS NULL AS open,
              acctoutputoctets::text AS download
         FROM radacct ORDER BY username`,
    );
    const month = (iso: string) => `radacct_${iso.slice(0, 4)}_${iso.slice(5, 7)}`;
    expect(rows).toEqual([
      { username: 'ancient', partition: 'radacct_default', open: true, download: '0' },
      { username: 'olga', partition: month(twoMonthsAgo()), open: true, download: '0' },
      { username: 'paula', partition: month(minutesAgo(30)), open: false, download: '6000' },
      { username: 'ravi', partition: month(minutesAgo(5)), open: true, download: '0' },
    ]);
  });

  it('shows in the Sessions table: online, offline, found by search', async () => {
    expect(db.summary.radacctPartitioned).toBe(true);
    const online = await walkAllPages(db, listInput({ status: 'online' }));
    expect(online.rows.map((row) => row[F.username]).sort()).toEqual(['ancient', 'olga', 'ravi']);
    const found = await walkAllPages(db, listInput({ status: 'all', search: 'paula' }));
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]?.[F.download]).toBe('6000');
    expect(found.rows[0]?.[F.stopTime]).not.toBeNull();
    expect((await db.stats(everything)).online).toBe(3);
  });

  it('needs the rewrite: the stock queries.conf as it ships writes no Start', async () => {
    const stock = await startAccountingWriter(database.profile, stockQueries);
    try {
      const answer = await stock.send({
        'Acct-Status-Type': 'Start',
        'User-Name': '"unrewritten"',
        'Acct-Session-Id': '"unrewritten-1"',
        'NAS-IP-Address': '127.0.10.7',
      });
      expect(answer).not.toContain('Received Accounting-Response');
      expect(stock.output()).toContain(
        'no unique or exclusion constraint matching the ON CONFLICT',
      );
    } finally {
      await stock.stop();
    }
    const { rows } = await database
      .pool()
      .query("SELECT 1 FROM radacct WHERE username = 'unrewritten'");
    expect(rows).toHaveLength(0);
  });
});
