import type { AuditEntry, DisconnectRun } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { usePeers } from '../../support/routeros-peer/peer-fixture';
import { addFreeradiusNas, insertSessions, online } from '../../support/seed';
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
  sessionsOn,
  useCoaNas,
  saveApiAndCoaAccess,
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
const routerOs = usePeers();

/** Closes every open session so each test selects only its own. */
const clearOnline = () =>
  database.pool().query('UPDATE radacct SET acctstoptime = now() WHERE acctstoptime IS NULL');

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
      sessionsOpen: 600,
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
    // A NAK is an answer: the refusing NAS is asked about every session.
    expect(sessionsAsked(refusing).size).toBe(300);
    // The dead NAS fails fast: after 3 timeouts in a row its CoA is given up for the run,
    // said once, and its other sessions skip it instead of waiting out the tries each.
    expect(sessionsAsked(dead).size).toBeLessThanOrEqual(2 * 8);
    expect(report.notices).toEqual([
      expect.stringMatching(
        /^CoA on 127\.0\.10\.3: no answer 3 times in a row earlier in this run: No reply from .*\. Its other sessions in this run skip it\.$/,
      ),
    ]);
    const skipped = report.outcomes.filter(
      (outcome) => outcome.nasIp === '127.0.10.3' && !outcome.sent,
    );
    expect(skipped.length).toBeGreaterThanOrEqual(300 - 2 * 8);
    expect(skipped[0]?.message).toMatch(
      /^Disconnect failed, nothing was sent: RouterOS API: not set up .* CoA: skipped — no answer 3 times in a row earlier in this run: /,
    );

    const stillOpen = await database
      .pool()
      .query('SELECT count(*)::int AS n FROM radacct WHERE acctstoptime IS NULL');
    expect(stillOpen.rows[0].n).toBe(600);
    expect((await auditCount()) - auditBefore).toBe(1000);

    const events = progress.filter((run) => run.runId === started.runId);
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ state: 'finished', done: 400, failed: 600 });
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

    // A retry takes only the failures still open, and says why it takes fewer.
    behaviour.answer = 'silent';
    await insertSessions(database.pool(), [
      online({ username: 'carol1@fiber', nas: '127.0.10.5', sessionId: 'carol-tablet' }),
    ]);
    const both = await finishedRun(
      app,
      (await app.ok('disconnect.start', { selection: { kind: 'user', username: 'carol1@fiber' } }))
        .runId,
    );
    expect(both).toMatchObject({ total: 2, failed: 2 });
    await database
      .pool()
      .query("UPDATE radacct SET acctstoptime = now() WHERE acctsessionid = 'carol-tablet'");
    const fewer = await app.ok('disconnect.retryFailed', { runId: both.runId });
    expect(fewer).toMatchObject({ total: 1 });
    expect(fewer.description).toBe(`retry of run ${both.runId}: 1 of 2 failed (1 ended meanwhile)`);
    await finishedRun(app, fewer.runId);
    await database
      .pool()
      .query("UPDATE radacct SET acctstoptime = now() WHERE username = 'carol1@fiber'");
    const none = await app.call('disconnect.retryFailed', { runId: both.runId });
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!none.ok)
      expect(none.error.message).toMatch(/have ended meanwhile: there is nothing to retry/);

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

    const entries = closing.store.audit.list(profile.id, {
      limit: 1000,
      beforeId: null,
      runId: run.runId,
      result: null,
      nasIp: null,
    });
    expect(entries).toHaveLength(run.total);
    // Closing cancels: the requests in flight stop retransmitting, and nothing is left
    // unrecorded.
    expect(new Set(entries.map((entry) => entry.result))).toEqual(new Set(['cancelled']));
    expect(sessionsAsked(dead).size).toBeLessThanOrEqual(8);
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

  it('groups a run’s audit entries under the run, names its NAS, and says each outcome once', async () => {
    await clearOnline();
    await addFreeradiusNas(database.pool(), 'bng-east', '127.0.10.8');
    const east = await coaNas('127.0.10.8', { answer: 'nak', errorCause: 503 }, 'never');
    await saveCoaAccess(app, east);
    await insertSessions(database.pool(), sessionsOn('127.0.10.8', 3, 'e'));

    const selection = {
      kind: 'filter',
      filter: { status: 'online', nasIp: '127.0.10.8' },
    } as const;
    expect(await app.ok('disconnect.preview', { selection })).toMatchObject({
      count: 3,
      description: 'online sessions on NAS bng-east (127.0.10.8)',
    });
    const started = await app.ok('disconnect.start', { selection });
    const report = await finishedRun(app, started.runId);
    expect(report.outcomes.map((outcome) => outcome.nasName)).toEqual([
      'bng-east',
      'bng-east',
      'bng-east',
    ]);

    const runs = await app.ok('audit.runs', {});
    expect(runs[0]).toMatchObject({
      runId: started.runId,
      description: 'online sessions on NAS bng-east (127.0.10.8)',
      total: 3,
    });
    const entries = await app.ok('audit.list', { runId: started.runId });
    expect(entries).toHaveLength(3);
    expect(entries.every((entry) => entry.runId === started.runId)).toBe(true);
    // The detail is the outcome, once: no run prefix, no attempts repeated after it.
    // The NAS says it has no such session while radacct holds it open: a ghost.
    expect(entries[0]?.detail).toMatch(
      /^Ghost: bng-east \(127\.0\.10\.8\) has no such session, but radacct still shows e\d@fiber open\. RouterOS API: not set up for NAS bng-east \(127\.0\.10\.8\) \(no API user in Settings → NAS\)\. CoA: Disconnect-NAK Session-Context-Not-Found \(503\)\. Close in radacct ends the row there \(stop at its last update, Lost-Carrier\)\.$/,
    );
    expect(await app.ok('audit.list', { runId: started.runId, result: 'done' })).toEqual([]);
    expect(
      await app.ok('audit.list', { nasIp: '127.0.10.8', result: 'failed', limit: 1000 }),
    ).toHaveLength(3);
  });

  it('fails fast on a NAS that refuses the API login and never answers CoA; the other NAS carry on', async () => {
    await clearOnline();
    const refusing = await routerOs.start({ host: '127.0.10.9' });
    const silent = await coaNas('127.0.10.9', { answer: 'silent' });
    const healthy = await coaNas('127.0.10.10', { answer: 'ack' });
    await saveApiAndCoaAccess(
      app,
      '127.0.10.9',
      { apiPort: refusing.port, coaPort: silent.port },
      'not-the-password',
    );
    await saveCoaAccess(app, healthy);
    await insertSessions(database.pool(), [
      ...sessionsOn('127.0.10.9', 200, 'r'),
      ...sessionsOn('127.0.10.10', 20, 'h'),
    ]);

    const started = await app.ok('disconnect.start', {
      selection: { kind: 'filter', filter: { status: 'online' } },
    });
    const report = await finishedRun(app, started.runId);

    // One refused login, said once; a handful of CoA timeouts, then the NAS is given up.
    const logins = refusing.sentences.filter((sentence) => sentence.words[0] === '/login');
    expect(logins).toHaveLength(1);
    expect(sessionsAsked(silent).size).toBeLessThanOrEqual(2 * 8);
    expect(report.notices).toEqual([
      expect.stringMatching(
        /^RouterOS API on 127\.0\.10\.9: login refused earlier in this run: RouterOS API at 127\.0\.10\.9:\d+ refused the login for user "noc"/,
      ),
      expect.stringMatching(
        /^CoA on 127\.0\.10\.9: no answer 3 times in a row earlier in this run/,
      ),
    ]);
    const refused = report.outcomes.filter((outcome) => outcome.nasIp === '127.0.10.9');
    expect(refused.every((outcome) => outcome.result === 'failed')).toBe(true);
    const skipped = refused.filter((outcome) => !outcome.sent);
    expect(skipped.length).toBeGreaterThanOrEqual(200 - 2 * 8);
    expect(skipped.at(-1)?.attempts.map((attempt) => attempt.detail)).toEqual([
      expect.stringMatching(/^RouterOS API: skipped — login refused earlier in this run: /),
      expect.stringMatching(/^CoA: skipped — no answer 3 times in a row earlier in this run: /),
    ]);
    const carriedOn = report.outcomes.filter((outcome) => outcome.nasIp === '127.0.10.10');
    expect(carriedOn.map((outcome) => outcome.result)).toEqual(Array(20).fill('done'));
  });
});
