import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSessionsOnAccountingOn } from '../../../src-main/demo/accounting-on';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, type SessionSeed } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';

const minute = 60_000;
const rebooting = '127.0.10.3';
const steady = '127.0.10.1';
const flaky = '127.0.10.5';

function openSessions(
  nas: string,
  count: number,
  startedAgo: number,
  prefix: string,
): SessionSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    username: `${prefix}-${i}`,
    nas,
    start: new Date(Date.now() - startedAgo - i * 1000).toISOString(),
  }));
}

describe('drop alerts', () => {
  // radacct's own text for a whole second, as the app passes it on.
  const rebootIso = () => new Date(rebootAt * 1000).toISOString().replace('.000Z', 'Z');

  let database: TestDatabase;
  let app: ServiceHarness;
  let rebootAt: number;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    await pool.query(
      `INSERT INTO nas_devices (name, ip_address) VALUES
         ('bng-north-1', '127.0.10.1'), ('bng-south-1', '127.0.10.3'), ('bng-east-1', '127.0.10.5'),
         ('bng-spare-1', '127.0.10.9')`,
    );
    await insertSessions(pool, [
      ...openSessions(rebooting, 120, 6 * 60 * minute, 'south'),
      ...openSessions(steady, 80, 3 * 60 * minute, 'north'),
      ...openSessions(flaky, 200, 2 * 60 * minute, 'east'),
      // Everyday churn on the steady NAS: single ends spread over the last hour.
      ...Array.from({ length: 30 }, (_, i) => ({
        username: `churn-${i}`,
        nas: steady,
        start: new Date(Date.now() - 90 * minute).toISOString(),
        stop: new Date(Date.now() - (i * 2 + 1) * minute).toISOString(),
        terminateCause: i % 3 === 0 ? 'Lost-Carrier' : 'User-Request',
      })),
    ]);
    // bng-south-1 reboots 20 minutes ago; FreeRADIUS closes all 120 on its Accounting-On.
    rebootAt = Math.floor((Date.now() - 20 * minute) / 1000);
    expect(await closeSessionsOnAccountingOn(pool, rebooting, rebootAt)).toBe(120);
    // bng-east-1 loses 60 of 200 to Lost-Carrier over two minutes, 40 minutes ago: a line card.
    await pool.query(
      `UPDATE radacct SET acctstoptime = now() - interval '40 minutes' + (radacctid % 120) * interval '1 second',
                          acctterminatecause = 'Lost-Carrier'
       WHERE radacctid IN (SELECT radacctid FROM radacct WHERE acctstoptime IS NULL
                           AND nasipaddress = $1::inet ORDER BY radacctid LIMIT 60)`,
      [flaky],
    );
    app = await connectedHarness(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('a mass end of sessions with NAS-Reboot raises exactly one alert for that NAS: "NAS rebooted"', async () => {
    const overview = await app.ok('health.overview', {});
    const south = overview.alerts.filter((alert) => alert.nasIp === rebooting);
    expect(south).toHaveLength(1);
    expect(south[0]).toMatchObject({
      nasName: 'bng-south-1',
      kind: 'nas-rebooted',
      ended: 120,
      before: 120,
      after: 0,
      cause: 'NAS-Reboot',
      causeCount: 120,
      from: rebootIso(),
      to: rebootIso(),
      acknowledged: null,
    });
    // The same alert, with the same identity, on the next refresh.
    const again = await app.ok('health.overview', {});
    expect(again.alerts.filter((alert) => alert.nasIp === rebooting).map((a) => a.id)).toEqual([
      south[0]!.id,
    ]);
  });

  it('many sessions ending with Lost-Carrier within the window read as a mass end; churn raises nothing', async () => {
    const overview = await app.ok('health.overview', {});
    const east = overview.alerts.filter((alert) => alert.nasIp === flaky);
    expect(east).toHaveLength(1);
    expect(east[0]).toMatchObject({ kind: 'mass-end', ended: 60, before: 200, after: 140 });
    expect(east[0]?.cause).toBe('Lost-Carrier');
    expect(overview.alerts.filter((alert) => alert.nasIp === steady)).toEqual([]);
  });

  it('keeps every known NAS on the stat row by name, the rebooted one at 0 with "was 120"', async () => {
    const overview = await app.ok('health.overview', {});
    expect(overview.stats.perNas.map((pill) => [pill.nasName, pill.online])).toEqual([
      ['bng-east-1', 140],
      ['bng-north-1', 80],
      ['bng-south-1', 0],
      ['bng-spare-1', 0],
    ]);
    const pill = (ip: string) => overview.pills.find((candidate) => candidate.nasIp === ip);
    expect(pill(rebooting)?.was).toEqual({ count: 120, at: rebootIso() });
    // A NAS that never had sessions in the last 24 h has nothing to say it was.
    expect(pill('127.0.10.9')?.was).toBeNull();
    expect(pill(rebooting)?.trend.at(-1)).toBe(0);
    expect(Math.max(...(pill(rebooting)?.trend ?? []))).toBe(120);
    expect(overview.trendTimes.length).toBe(pill(rebooting)?.trend.length);
  });

  it('acknowledging stores it, audits it once, and the alert stays acknowledged', async () => {
    const [alert] = (await app.ok('health.overview', {})).alerts.filter(
      (a) => a.nasIp === rebooting,
    );
    const acknowledged = await app.ok('health.acknowledge', { alertId: alert!.id });
    expect(acknowledged.acknowledged?.by).toBeTruthy();
    await app.ok('health.acknowledge', { alertId: alert!.id });
    const after = await app.ok('health.overview', {});
    expect(after.alerts.find((a) => a.id === alert!.id)?.acknowledged).toEqual(
      acknowledged.acknowledged,
    );
    const audit = await app.ok('audit.list', {});
    const entries = audit.filter((entry) => entry.action === 'acknowledge-drop');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ nasIp: rebooting, result: 'done', path: null });
    expect(entries[0]?.detail).toContain('bng-south-1 (127.0.10.3) rebooted');
    expect(entries[0]?.detail).toContain('120 sessions ended');

    const missing = await app.call('health.acknowledge', {
      alertId: `${rebooting}@2001-01-01T00:00:00.000Z`,
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });

  it('thresholds are per profile: raising them quiets the Lost-Carrier drop', async () => {
    await app.ok('health.setThresholds', {
      dropPercent: 50,
      minSessions: 20,
      windowMinutes: 5,
      massEndSessions: 100,
    });
    const overview = await app.ok('health.overview', {});
    expect(overview.thresholds.massEndSessions).toBe(100);
    expect(overview.alerts.map((alert) => alert.nasIp)).toEqual([rebooting]);
    const refused = await app.call('health.setThresholds', {
      dropPercent: 0,
      minSessions: 20,
      windowMinutes: 5,
      massEndSessions: 100,
    });
    expect(refused.ok).toBe(false);
  });

  it('the NAS page: causes of the last hour and day, stale sessions, the last Accounting-On', async () => {
    const south = await app.ok('health.nas', { nasIp: rebooting });
    expect(south).toMatchObject({
      nasName: 'bng-south-1',
      online: 0,
      stale: 0,
      lastAccountingOn: { at: rebootIso(), sessions: 120 },
    });
    expect(south.causes.lastHour).toEqual([{ cause: 'NAS-Reboot', sessions: 120 }]);
    const north = await app.ok('health.nas', { nasIp: steady });
    expect(north.lastAccountingOn).toBeNull();
    expect(north.causes.lastDay).toEqual([
      { cause: 'User-Request', sessions: 20 },
      { cause: 'Lost-Carrier', sessions: 10 },
    ]);
    // Sessions seeded with no interim update, started hours ago: stale after 30 minutes.
    expect(north.stale).toBe(80);
  });

  it('reuses the span within its bucket, yet reads it again at once when a NAS drops', async () => {
    const watcher = await connectedHarness(database, {}, 'watcher');
    try {
      const first = await watcher.ok('health.history', { span: '24h' });
      // New sessions come: the stat row counts them at once, the span is not read again.
      await insertSessions(database.pool(), openSessions(steady, 5, 0, 'late'));
      const overview = await watcher.ok('health.overview', {});
      expect(overview.stats.perNas.find((pill) => pill.nasIp === steady)?.online).toBe(85);
      expect(overview.pills.find((pill) => pill.nasIp === steady)?.trend.at(-1)).toBe(85);
      expect((await watcher.ok('health.history', { span: '24h' })).readAt).toBe(first.readAt);
      // bng-north-1 loses all 85 at once: that refresh reads the span again and raises it.
      await closeSessionsOnAccountingOn(database.pool(), steady);
      const dropped = await watcher.ok('health.overview', {});
      expect(dropped.alerts.filter((alert) => alert.nasIp === steady)).toHaveLength(1);
      expect((await watcher.ok('health.history', { span: '24h' })).readAt).not.toBe(first.readAt);
    } finally {
      await watcher.close();
    }
  });
});
