import type { AuditEntry, DisconnectRun } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, online, type SessionSeed } from '../../support/seed';
import {
  connectedHarness,
  draftFor,
  openServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness';
import {
  finishedRun,
  quickDisconnects,
  saveCoaAccess,
  sessionsAsked,
  useCoaNas,
} from './disconnect-fixture';

let database: TestDatabase;
let app: ServiceHarness;
const progress: DisconnectRun[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  app = await connectedHarness(database, { disconnect: quickDisconnects });
  app.service.subscribe((event, payload) => {
    if (event === 'disconnect.progress') progress.push(payload as DisconnectRun);
  });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const coaNas = useCoaNas(() => database);

/** Closes every open session so each test selects only its own. */
const clearOnline = () =>
  database.pool().query('UPDATE radacct SET acctstoptime = now() WHERE acctstoptime IS NULL');

const sessionsOn = (nas: string, count: number, prefix: string): SessionSeed[] =>
  Array.from({ length: count }, (_, index) =>
    online({
      username: `${prefix}${index}@fiber`,
      nas,
      ip: `100.64.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      sessionId: `${prefix}-${index}`,
    }),
  );

/** Every audit entry of the profile, page by page. */
const auditCount = async (): Promise<number> => {
  let count = 0;
  let beforeId: number | null = null;
  for (;;) {
    const page: AuditEntry[] = await app.ok('audit.list', { limit: 1000, beforeId });
    count += page.length;
    if (page.length < 1000) return count;
    beforeId = page.at(-1)!.id;
  }
};

describe('bulk disconnect', () => {
  it('runs 1000 sessions on three NAS to an exact per-session tally', async () => {
    await clearOnline();
    const acking = await coaNas('127.0.10.1', { answer: 'ack' });
    const refusing = await coaNas('127.0.10.2', { answer: 'nak', errorCause: 503 });
    const dead = await coaNas('127.0.10.3', { answer: 'silent' });
    for (const peer of [acking, refusing, dead]) await saveCoaAccess(app, peer);
    await insertSessions(database.pool(), [
      ...sessionsOn('127.0.10.1', 400, 'a'),
      ...sessionsOn('127.0.10.2', 300, 'b'),
      ...sessionsOn('127.0.10.3', 300, 'c'),
    ]);
    const auditBefore = await auditCount();

    const selection = { kind: 'filter', filter: { status: 'online' } } as const;
    expect(await app.ok('disconnect.preview', { selection })).toEqual({
      count: 1000,
      nasCount: 3,
      description: 'online sessions on every NAS',
    });
    const started = await app.ok('disconnect.start', { selection });
    expect(started).toMatchObject({ state: 'running', total: 1000, pending: 1000 });
    const report = await finishedRun(app, started.runId);

    expect(report).toMatchObject({
      state: 'finished',
      total: 1000,
      done: 400,
      stillOnline: 0,
      failed: 600,
      cancelled: 0,
      pending: 0,
      unconfirmed: 0,
    });
    expect(new Set(report.outcomes.map((outcome) => outcome.radacctId)).size).toBe(1000);
    const byNas = (nas: string, result: string) =>
      report.outcomes.filter((outcome) => outcome.nasIp === nas && outcome.result === result)
        .length;
    expect(byNas('127.0.10.1', 'done')).toBe(400);
    expect(byNas('127.0.10.2', 'failed')).toBe(300);
    expect(byNas('127.0.10.3', 'failed')).toBe(300);
    expect(report.outcomes.find((outcome) => outcome.nasIp === '127.0.10.2')?.message).toMatch(
      /Session-Context-Not-Found/,
    );
    expect(sessionsAsked(acking).size).toBe(400);
    expect(sessionsAsked(dead).size).toBe(300);

    const stillOpen = await database
      .pool()
      .query('SELECT count(*)::int AS n FROM radacct WHERE acctstoptime IS NULL');
    expect(stillOpen.rows[0].n).toBe(600);
    expect((await auditCount()) - auditBefore).toBe(1000);

    const events = progress.filter((run) => run.runId === started.runId);
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ state: 'finished', done: 400, failed: 600 });
  });

  it('stops sending at once when cancelled, and counts the rest as cancelled', async () => {
    await clearOnline();
    // Each request waits for its tries: the run is still sending when it is cancelled.
    const dead = await coaNas('127.0.10.4', { answer: 'silent' });
    await saveCoaAccess(app, dead);
    await insertSessions(database.pool(), sessionsOn('127.0.10.4', 200, 'x'));

    const started = await app.ok('disconnect.start', {
      selection: { kind: 'filter', filter: { status: 'online', nasIp: '127.0.10.4' } },
    });
    while (sessionsAsked(dead).size < 8) await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await app.ok('disconnect.cancel', { runId: started.runId });
    const askedAtCancel = sessionsAsked(dead).size;
    expect(cancelled.state).toBe('cancelling');

    const report = await finishedRun(app, started.runId);

    expect(sessionsAsked(dead).size).toBe(askedAtCancel);
    expect(report).toMatchObject({
      state: 'cancelled',
      total: 200,
      failed: askedAtCancel,
      cancelled: 200 - askedAtCancel,
      pending: 0,
    });
    expect(report.outcomes.filter((outcome) => outcome.result === 'cancelled')).toHaveLength(
      200 - askedAtCancel,
    );
  });

  it('retries the failed sessions of a run, and Disconnect All takes one user only', async () => {
    await clearOnline();
    const behaviour = { answer: 'silent' as 'silent' | 'ack' };
    const flaky = await coaNas('127.0.10.5', behaviour);
    await saveCoaAccess(app, flaky);
    await insertSessions(database.pool(), [
      ...sessionsOn('127.0.10.5', 3, 'carol'),
      online({ username: 'carol0@fiber', nas: '127.0.10.5', sessionId: 'carol-phone' }),
    ]);

    const selection = { kind: 'user', username: 'carol0@fiber' } as const;
    expect(await app.ok('disconnect.preview', { selection })).toMatchObject({
      count: 2,
      description: 'every open session of carol0@fiber',
    });
    const first = await finishedRun(app, (await app.ok('disconnect.start', { selection })).runId);
    expect(first).toMatchObject({ total: 2, failed: 2 });

    behaviour.answer = 'ack';
    const retry = await app.ok('disconnect.retryFailed', { runId: first.runId });
    expect(retry.description).toBe(`retry of run ${first.runId}: 2 failed`);
    const second = await finishedRun(app, retry.runId);
    expect(second).toMatchObject({ total: 2, done: 2, failed: 0 });
    expect(sessionsAsked(flaky)).toEqual(new Set(['carol-0', 'carol-phone']));

    const again = await app.call('disconnect.retryFailed', { runId: second.runId });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('closing waits for the requests already sent and audits every session', async () => {
    await clearOnline();
    const dead = await coaNas('127.0.10.7', { answer: 'silent' });
    const closing = openServiceHarness(undefined, { disconnect: quickDisconnects });
    const profile = await closing.ok('profiles.save', draftFor(database.profile, 'closing'));
    await closing.ok('profiles.connect', { id: profile.id });
    await saveCoaAccess(closing, dead);
    await insertSessions(database.pool(), sessionsOn('127.0.10.7', 50, 'y'));
    const run = await closing.ok('disconnect.start', {
      selection: { kind: 'filter', filter: { status: 'online', nasIp: '127.0.10.7' } },
    });
    while (dead.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    await closing.service.close();

    const entries = closing.store.audit.list(profile.id, { limit: 1000, beforeId: null });
    expect(entries).toHaveLength(run.total);
    const results = new Set(entries.map((entry) => entry.result));
    expect([...results].sort()).toEqual(['cancelled', 'failed']);
    expect(sessionsAsked(dead).size).toBe(
      entries.filter((entry) => entry.result === 'failed').length,
    );
    expect(
      await closing.call('disconnect.start', { selection: { kind: 'user', username: 'y0@fiber' } }),
    ).toMatchObject({ ok: false });
    closing.store.close();
  });

  it('refuses an empty selection and an unknown run in words', async () => {
    await clearOnline();
    const empty = await app.call('disconnect.start', {
      selection: { kind: 'user', username: 'nobody@fiber' },
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!empty.ok) expect(empty.error.message).toMatch(/nothing to disconnect/);
    expect(await app.call('disconnect.report', { runId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await app.call('disconnect.start', { selection: { kind: 'sessions', radacctIds: [] } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
