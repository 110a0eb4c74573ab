import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveTick, startLiveActivity } from '../../../src-main/demo/live-activity';
import { seedDemoIsp } from '../../../src-main/demo/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ schema: 'stock+panel' });
  await seedDemoIsp(db.pool());
});

afterAll(async () => {
  await db?.drop();
});

/** An online, non-stale session whose next interim is made due by moving its last one back. */
async function sessionWithInterimDue() {
  const { rows } = await db.pool().query(
    `UPDATE radacct SET acctupdatetime = acctupdatetime - interval '5 minutes'
      WHERE radacctid = (SELECT radacctid FROM radacct
                          WHERE acctstoptime IS NULL AND acctupdatetime > now() - interval '10 minutes'
                          ORDER BY radacctid LIMIT 1)
      RETURNING radacctid, acctupdatetime, acctinputoctets::text, acctoutputoctets::text,
                acctsessiontime::text`,
  );
  return rows[0];
}

describe('the demo ISP kept alive', () => {
  it('moves a due session on: acctupdatetime, session time and both octet counters', async () => {
    const before = await sessionWithInterimDue();
    const tick = await runLiveTick(db.pool(), { end: 0, start: 0 });
    expect(tick.interims).toBeGreaterThanOrEqual(1);
    const { rows } = await db.pool().query(
      `SELECT acctupdatetime, acctinputoctets::text, acctoutputoctets::text, acctsessiontime::text,
              acctstoptime FROM radacct WHERE radacctid = $1`,
      [before.radacctid],
    );
    const after = rows[0];
    expect(after.acctstoptime).toBeNull();
    expect(after.acctupdatetime.getTime()).toBeGreaterThan(before.acctupdatetime.getTime());
    expect(BigInt(after.acctinputoctets)).toBeGreaterThan(BigInt(before.acctinputoctets));
    expect(BigInt(after.acctoutputoctets)).toBeGreaterThan(BigInt(before.acctoutputoctets));
    expect(BigInt(after.acctsessiontime)).toBeGreaterThan(BigInt(before.acctsessiontime));
  });

  it('leaves stale sessions stale', async () => {
    const stale = `SELECT radacctid, acctupdatetime FROM radacct
                    WHERE acctstoptime IS NULL AND acctupdatetime < now() - interval '1 hour'
                    ORDER BY radacctid`;
    const before = (await db.pool().query(stale)).rows;
    await runLiveTick(db.pool(), { end: 0, start: 0 });
    expect((await db.pool().query(stale)).rows).toEqual(before);
  });

  it('ends sessions with a real cause and starts new ones on offline lines, IPs still unique', async () => {
    const state = async () =>
      (
        await db.pool().query(
          `SELECT count(*) FILTER (WHERE acctstoptime IS NULL)::int AS online,
                  count(*)::int AS total,
                  count(DISTINCT framedipaddress) FILTER (WHERE acctstoptime IS NULL)::int AS ips
             FROM radacct`,
        )
      ).rows[0];
    const before = await state();
    const tick = await runLiveTick(db.pool(), { end: 3, start: 2 });
    expect(tick).toMatchObject({ ended: 3, started: 2 });
    const after = await state();
    expect(after.total).toBe(before.total + 2);
    expect(after.online).toBe(before.online - 1);
    expect(after.ips).toBe(after.online);

    const { rows: started } = await db.pool().query(
      `SELECT r.username, r.nasipaddress, s.is_online FROM radacct r
         LEFT JOIN subscribers s USING (username)
        WHERE r.acctstoptime IS NULL AND r.acctinputoctets = 0 AND r.acctsessiontime = 0`,
    );
    expect(started.length).toBeGreaterThanOrEqual(2);
    expect(started.every((row) => row.is_online !== false)).toBe(true);
    const { rows: causes } = await db.pool().query(
      `SELECT acctterminatecause FROM radacct
        WHERE acctstoptime IS NOT NULL AND acctstoptime = acctupdatetime
          AND acctstoptime >= (SELECT max(acctstoptime) FROM radacct) - interval '1 second'`,
    );
    for (const row of causes) {
      expect([
        'User-Request',
        'Lost-Carrier',
        'Idle-Timeout',
        'Session-Timeout',
        'NAS-Request',
      ]).toContain(row.acctterminatecause);
    }
  });

  it('stops cleanly, waiting for a tick in flight', async () => {
    const errors: unknown[] = [];
    const live = startLiveActivity(db.pool(), { everyMs: 1, onError: (e) => errors.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await live.stop();
    const total = (await db.pool().query('SELECT count(*)::int AS n FROM radacct')).rows[0].n;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await db.pool().query('SELECT count(*)::int AS n FROM radacct')).rows[0].n).toBe(total);
    expect(errors).toEqual([]);
  });

  it('reboots a simulated NAS as FreeRADIUS records an Accounting-On: one instant, NAS-Reboot, nobody back while down', async () => {
    const south = '127.0.10.3';
    const openOn = async (nas: string) =>
      (
        await db
          .pool()
          .query(
            'SELECT count(*)::int AS n FROM radacct WHERE acctstoptime IS NULL AND nasipaddress = $1::inet',
            [nas],
          )
      ).rows[0].n as number;
    expect(await openOn(south)).toBeGreaterThan(100);
    const live = startLiveActivity(db.pool(), { everyMs: 1 });
    try {
      const closed = await live.rebootNas(south, 3600);
      expect(closed).toBeGreaterThan(100);
      // The live loop never ends a session with NAS-Reboot, and the seed's are older.
      const { rows } = await db.pool().query(
        `SELECT count(DISTINCT acctstoptime)::int AS instants, count(*)::int AS n,
                bool_and(acctupdatetime = acctstoptime
                         AND acctstoptime = date_trunc('second', acctstoptime)) AS as_freeradius
         FROM radacct WHERE nasipaddress = $1::inet AND acctterminatecause = 'NAS-Reboot'
           AND acctstoptime > now() - interval '1 minute'`,
        [south],
      );
      expect(rows[0]).toEqual({ instants: 1, n: closed, as_freeradius: true });
      // Ticks go on, starting sessions elsewhere; the rebooted NAS stays at 0 while down.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await openOn(south)).toBe(0);
    } finally {
      await live.stop();
    }
  });
});
