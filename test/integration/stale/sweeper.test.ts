import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addSubscriber, insertSessions, online } from '../../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString();

interface RadacctRow {
  username: string;
  stop: string | null;
  update: string | null;
  start: string;
  cause: string | null;
}

// Two workstations (two services, two local stores) against one FreeRADIUS database.
describe('the stale-session sweeper', () => {
  let database: TestDatabase;
  let first: ServiceHarness;
  let second: ServiceHarness;

  const rows = async (): Promise<Map<string, RadacctRow>> => {
    const result = await database.pool().query<RadacctRow>(
      `SELECT username, acctstoptime::text AS stop, acctupdatetime::text AS update,
              acctstarttime::text AS start, acctterminatecause AS cause FROM radacct`,
    );
    return new Map(result.rows.map((row) => [row.username, row]));
  };

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    await insertSessions(pool, [
      // NAS 1 carries on: one subscriber went quiet, one never sent an interim.
      online({
        username: 'fresh',
        nas: '127.0.10.1',
        start: minutesAgo(90),
        update: minutesAgo(2),
      }),
      online({
        username: 'lost',
        nas: '127.0.10.1',
        start: minutesAgo(300),
        update: minutesAgo(45),
      }),
      online({ username: 'no-interim', nas: '127.0.10.1', start: minutesAgo(50) }),
      // NAS 2 went silent as a whole: its accounting path is down, not its subscribers.
      online({
        username: 'silent-a',
        nas: '127.0.10.2',
        start: minutesAgo(300),
        update: minutesAgo(40),
      }),
      online({
        username: 'silent-b',
        nas: '127.0.10.2',
        start: minutesAgo(300),
        update: minutesAgo(40),
      }),
      online({
        username: 'silent-c',
        nas: '127.0.10.2',
        start: minutesAgo(300),
        update: minutesAgo(41),
      }),
    ]);
    await addSubscriber(pool, { username: 'lost' });
    await pool.query('UPDATE subscribers SET is_online = true');
    first = openServiceHarness(undefined, { sweeper: { everyMs: 3_600_000 } });
    second = openServiceHarness(undefined, { sweeper: { everyMs: 3_600_000 } });
    for (const app of [first, second]) {
      const saved = await app.ok('profiles.save', draftFor(database.profile, 'radius'));
      await app.ok('profiles.connect', { id: saved.id });
    }
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('is off until someone turns it on', async () => {
    const status = await first.ok('cleanup.status', {});
    expect(status.settings).toMatchObject({ sweeperEnabled: false, staleAfterSeconds: 1800 });
    await expect(first.service.sweeper.tick()).resolves.toBeNull();
    expect((await rows()).get('lost')?.stop).toBeNull();
  });

  it('previews per NAS, holding the NAS that went silent as a whole', async () => {
    const preview = await first.ok('cleanup.preview', {});
    expect(preview.toClose).toBe(2);
    const [nas1, nas2] = preview.nas;
    expect(nas1).toMatchObject({ nasIp: '127.0.10.1', open: 3, stale: 2, held: false });
    // Longest silence first.
    expect(nas1?.sessions.map((session) => session.username)).toEqual(['no-interim', 'lost']);
    expect(nas2).toMatchObject({ nasIp: '127.0.10.2', open: 3, stale: 3, held: true });
    expect((await rows()).get('lost')?.stop).toBeNull();
  });

  it('sweeps with the spec values on one workstation only', async () => {
    for (const app of [first, second]) {
      await app.ok('cleanup.saveSettings', { staleAfterSeconds: 1800, sweeperEnabled: true });
    }
    const ticks = await Promise.all([first.service.sweeper.tick(), second.service.sweeper.tick()]);
    const swept = ticks.filter((summary) => summary !== null);
    expect(swept).toHaveLength(1);
    expect(swept[0]).toMatchObject({ closed: 2, held: ['127.0.10.2'] });

    const after = await rows();
    const lost = after.get('lost')!;
    expect(lost.stop).toBe(lost.update);
    expect(lost.cause).toBe('Lost-Carrier');
    // No interim at all: the stop is the start.
    expect(after.get('no-interim')?.stop).toBe(after.get('no-interim')?.start);
    expect(after.get('fresh')?.stop).toBeNull();
    expect(after.get('silent-a')?.stop).toBeNull();
    const subscriber = await database
      .pool()
      .query<{ is_online: boolean }>("SELECT is_online FROM subscribers WHERE username = 'lost'");
    expect(subscriber.rows[0]?.is_online).toBe(false);

    // The other workstation says who sweeps.
    const runner = swept[0] === ticks[0] ? first : second;
    const other = runner === first ? second : first;
    const status = await other.ok('cleanup.status', {});
    expect(status.runningHere).toBe(false);
    expect(status.runner).toMatch(/closed 2/);
    await expect(other.call('cleanup.sweepNow', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    // Every closed row is audited with who, when, and the count on its NAS.
    const audit = await runner.ok('audit.list', {});
    const sweeps = audit.filter((entry) => entry.action === 'sweep-close');
    expect(sweeps.map((entry) => entry.username).sort()).toEqual(['lost', 'no-interim']);
    expect(sweeps[0]?.detail).toMatch(/closed 2 on this NAS/);
  });

  it('closes a held NAS only after an operator confirms its silence', async () => {
    const status = await first.ok('cleanup.status', {});
    const runner = status.runningHere ? first : second;
    await runner.ok('cleanup.confirmNas', { nasIp: '127.0.10.2' });
    const summary = await runner.service.sweeper.tick();
    expect(summary).toMatchObject({ closed: 3, held: [] });
    expect((await rows()).get('silent-b')?.cause).toBe('Lost-Carrier');
  });

  it('refuses bad settings and changes nothing', async () => {
    const refused = await first.call('cleanup.saveSettings', {
      staleAfterSeconds: 5,
      sweeperEnabled: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await first.ok('cleanup.status', {})).settings.staleAfterSeconds).toBe(1800);
  });
});
