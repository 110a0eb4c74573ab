import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  canWriteAccounting,
  startAccountingWriter,
  stockQueries,
  type AccountingWriter,
} from '../../support/freeradius/accounting-writer';
import { partitionedQueries } from '../../support/freeradius/partitioned-queries';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

if (!canWriteAccounting) {
  console.warn(
    'SKIPPED: the sweep against a real FreeRADIUS needs freeradius, freeradius-utils and ' +
      'freeradius-postgresql (apt-get install freeradius freeradius-utils freeradius-postgresql).',
  );
}

const epoch = (minutesAgo: number): string =>
  String(Math.floor((Date.now() - minutesAgo * 60_000) / 1000));

interface Row {
  username: string;
  stop: string | null;
  update: string | null;
  cause: string | null;
  download: string;
  sessiontime: string | null;
}

// FreeRADIUS writes radacct from accounting packets with its stock PostgreSQL queries; the
// sweeper closes what went quiet; then what a late interim (and a late stop) does.
// The same on a radacct partitioned by start time (sql/radacct-partitioned.sql), written by
// the stock queries through sql/freeradius-queries-partitioned.awk.
describe.runIf(canWriteAccounting).each(['stock', 'partitioned'] as const)(
  'a sweep against radacct written by FreeRADIUS (%s radacct)',
  (schema) => {
    let database: TestDatabase;
    let writer: AccountingWriter;
    let app: ServiceHarness;

    const packet = (
      type: 'Start' | 'Interim-Update' | 'Stop',
      user: string,
      nas: string,
      minutesAgo: number,
      extra: Record<string, string> = {},
    ) =>
      writer.send({
        'Acct-Status-Type': type,
        'User-Name': `"${user}"`,
        'Acct-Session-Id': `"${user}-1"`,
        'NAS-IP-Address': nas,
        'Framed-IP-Address': '100.64.0.9',
        'Event-Timestamp': epoch(minutesAgo),
        'Acct-Session-Time': String(Math.round((120 - minutesAgo) * 60)),
        ...extra,
      });

    const rows = async (): Promise<Map<string, Row>> => {
      const result = await database.pool().query<Row>(
        `SELECT username, acctstoptime::text AS stop, acctupdatetime::text AS update,
              acctterminatecause AS cause, acctoutputoctets::text AS download,
              acctsessiontime::text AS sessiontime FROM radacct ORDER BY radacctid`,
      );
      expect(new Set(result.rows.map((row) => row.username)).size).toBe(result.rows.length);
      return new Map(result.rows.map((row) => [row.username, row]));
    };

    beforeAll(async () => {
      database = await createTestDatabase({ schema });
      writer = await startAccountingWriter(
        database.profile,
        schema === 'partitioned' ? await partitionedQueries() : stockQueries,
      );
      // Interims every 5 minutes: the stock interim query stores the gap as acctinterval.
      // NAS 1: one subscriber stops sending interims 60 minutes ago, another keeps on.
      await packet('Start', 'quiet', '127.0.10.1', 75);
      await packet('Interim-Update', 'quiet', '127.0.10.1', 70);
      await packet('Interim-Update', 'quiet', '127.0.10.1', 65);
      await packet('Interim-Update', 'quiet', '127.0.10.1', 60, { 'Acct-Output-Octets': '5000' });
      await packet('Start', 'talking', '127.0.10.1', 10);
      await packet('Interim-Update', 'talking', '127.0.10.1', 5);
      await packet('Interim-Update', 'talking', '127.0.10.1', 1);
      // NAS 2 went silent as a whole an hour ago.
      for (const user of ['north-a', 'north-b', 'north-c']) {
        await packet('Start', user, '127.0.10.2', 70);
        await packet('Interim-Update', user, '127.0.10.2', 65);
        await packet('Interim-Update', user, '127.0.10.2', 61);
      }
      app = openServiceHarness(undefined, { sweeper: { everyMs: 3_600_000 } });
      const saved = await app.ok('profiles.save', draftFor(database.profile, 'radius'));
      await app.ok('profiles.connect', { id: saved.id });
      await app.ok('cleanup.saveSettings', { staleAfterSeconds: 1800, sweeperEnabled: true });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await writer?.stop();
      await database?.drop();
    });

    it('sweeps the quiet session with the spec values and holds the silent NAS', async () => {
      const summary = await app.service.sweeper.tick();
      expect(summary).toMatchObject({ closed: 1, held: ['127.0.10.2'] });
      const after = await rows();
      const quiet = after.get('quiet')!;
      expect(quiet.stop).toBe(quiet.update);
      expect(quiet.cause).toBe('Lost-Carrier');
      expect(after.get('talking')?.stop).toBeNull();
      for (const user of ['north-a', 'north-b', 'north-c'])
        expect(after.get(user)?.stop).toBeNull();
    });

    it('a late interim after the sweep is ignored: no second row, no reopen, no answer', async () => {
      const before = (await rows()).get('quiet')!;
      const answer = await packet('Interim-Update', 'quiet', '127.0.10.1', 0, {
        'Acct-Output-Octets': '9000',
      });
      // The stock UPDATE matches only open rows; its fallback INSERT hits the unique
      // acctuniqueid and does nothing. rlm_sql returns noop, so FreeRADIUS sends no
      // Accounting-Response and the NAS retransmits it until it gives up.
      expect(answer).not.toContain('Received Accounting-Response');
      expect(writer.output()).toContain('Not sending reply to client');
      const after = await rows();
      expect(after.size).toBe(5);
      expect(after.get('quiet')).toEqual(before);
    });

    it("a late Accounting-Stop overwrites the sweep's stop with the NAS's own", async () => {
      const answer = await packet('Stop', 'quiet', '127.0.10.1', 0, {
        'Acct-Output-Octets': '9500',
        'Acct-Terminate-Cause': 'User-Request',
      });
      // The stock stop's last query updates the row by acctuniqueid whether it is open or not.
      expect(answer).toContain('Received Accounting-Response');
      const after = await rows();
      expect(after.size).toBe(5);
      const quiet = after.get('quiet')!;
      expect(quiet).toMatchObject({ cause: 'User-Request', download: '9500', sessiontime: '7200' });
      expect(quiet.stop).toBe(quiet.update);
      expect(Date.parse(quiet.stop!.replace(' ', 'T').replace(/\+00$/, 'Z'))).toBeGreaterThan(
        Date.now() - 5 * 60_000,
      );
    });
  },
);
