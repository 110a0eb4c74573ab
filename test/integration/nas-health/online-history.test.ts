import type { OnlineHistory } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSessionsOnAccountingOn } from '../../../src-main/demo/accounting-on';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, type SessionSeed } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';

const nasIps = ['127.0.10.1', '127.0.10.2', '127.0.10.3'];
const hour = 3_600_000;

/** A deterministic spread of sessions over the last 30 h: closed, open, and crossing the span. */
function sessionsOverTheLastDay(now: number, longestHours: number): SessionSeed[] {
  const seeds: SessionSeed[] = [];
  let state = 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = 0; i < 600; i += 1) {
    const start = now - random() * 30 * hour;
    const length = random() ** 2 * longestHours * hour;
    const stop = start + length;
    const open = stop > now - 60_000 || random() < 0.15;
    seeds.push({
      username: `user-${i}`,
      nas: nasIps[i % nasIps.length],
      start: new Date(start).toISOString(),
      stop: open ? null : new Date(stop).toISOString(),
      terminateCause: open ? null : random() < 0.5 ? 'User-Request' : 'Idle-Timeout',
    });
  }
  return seeds;
}

/** The definition, counted independently: start <= t and (stop is null or stop > t). */
async function onlineAt(
  database: TestDatabase,
  epochSeconds: number,
): Promise<Map<string, number>> {
  const { rows } = await database.pool().query<{ nas: string; n: number }>(
    `SELECT host(nasipaddress) AS nas, count(*)::int AS n FROM radacct
     WHERE acctstarttime <= to_timestamp($1)
       AND (acctstoptime IS NULL OR acctstoptime > to_timestamp($1))
     GROUP BY 1`,
    [epochSeconds],
  );
  return new Map(rows.map((row) => [row.nas, row.n]));
}

async function expectCountsMatch(database: TestDatabase, history: OnlineHistory): Promise<void> {
  // Every 7th point, the first, the last (now) and one at each end of the span.
  const sampled = history.times
    .map((time, i) => ({ time, i }))
    .filter(({ i }) => i % 7 === 0 || i === history.times.length - 1 || i === 1);
  expect(sampled.length).toBeGreaterThan(20);
  for (const { time, i } of sampled) {
    const truth = await onlineAt(database, time);
    for (const series of history.perNas) {
      expect(series.counts[i], `${series.nasIp} at ${new Date(time * 1000).toISOString()}`).toBe(
        truth.get(series.nasIp) ?? 0,
      );
    }
    const total = [...truth.values()].reduce((sum, n) => sum + n, 0);
    expect(history.total[i], `total at ${new Date(time * 1000).toISOString()}`).toBe(total);
  }
}

describe('online counts over time', () => {
  let database: TestDatabase;
  let app: ServiceHarness;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    const now = Date.now();
    // Sessions up to 5 days long: all within the 7-day lookback of the stock indexes.
    await insertSessions(database.pool(), sessionsOverTheLastDay(now, 120));
    // Read radacct afresh on every call: the test writes between reads.
    app = await connectedHarness(database, { health: { reuseMs: { '24h': 0, '7d': 0 } } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('equal an independent count of radacct at sampled instants, per NAS and in total', async () => {
    const history = await app.ok('health.history', { span: '24h' });
    expect(history.coverage).toEqual({ kind: 'lookback', days: 7 });
    expect(history.perNas.map((series) => series.nasIp)).toEqual(nasIps);
    // 5-minute points over 24 h, and now.
    expect(history.times.length).toBeGreaterThanOrEqual(288);
    expect(history.times.at(-1)).toBeCloseTo(Date.parse(history.readAt) / 1000, 2);
    await expectCountsMatch(database, history);
  });

  it('hold over 7 days too, and after a NAS closes everything on Accounting-On', async () => {
    await closeSessionsOnAccountingOn(database.pool(), '127.0.10.2');
    const week = await app.ok('health.history', { span: '7d' });
    await expectCountsMatch(database, week);
    const day = await app.ok('health.history', { span: '24h' });
    await expectCountsMatch(database, day);
    const rebooted = day.perNas.find((series) => series.nasIp === '127.0.10.2');
    expect(rebooted?.counts.at(-1)).toBe(0);
  });

  it('see every session with an index on acctstoptime, however long ago it started', async () => {
    const now = Date.now();
    // Started 40 days ago, ended 3 hours ago: beyond the lookback without the index.
    await insertSessions(database.pool(), [
      {
        username: 'long-haul',
        nas: '127.0.10.1',
        start: new Date(now - 40 * 24 * hour).toISOString(),
        stop: new Date(now - 3 * hour).toISOString(),
      },
    ]);
    const without = await app.ok('health.history', { span: '24h' });
    const fourHoursAgo = without.times.findIndex((time) => time * 1000 >= now - 4 * hour);
    const truth = await onlineAt(database, without.times[fourHoursAgo] as number);
    expect(without.perNas[0]?.counts[fourHoursAgo]).toBe((truth.get('127.0.10.1') ?? 0) - 1);

    await database
      .pool()
      .query('CREATE INDEX radacct_stop_user_idx ON radacct (acctstoptime, username)');
    // Index detection is per connection: reconnect as the operator would.
    const profile = app.store.profiles.list()[0]!;
    await app.ok('profiles.connect', { id: profile.id });
    const exact = await app.ok('health.history', { span: '24h' });
    expect(exact.coverage).toEqual({ kind: 'exact' });
    await expectCountsMatch(database, exact);
    const week = await app.ok('health.history', { span: '7d' });
    await expectCountsMatch(database, week);
  });
});
