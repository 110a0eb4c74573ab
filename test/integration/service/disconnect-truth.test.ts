// The outcome is what radacct says: after every attempt — acknowledged, NAKed, unanswered,
// answered too late, answered with a bad authenticator, not sent at all — the session is
// watched for its Accounting-Stop, and the toast, the bulk tallies and the audit log all read
// the same per-session outcome.
import type { AuditEntry, DisconnectOutcome } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerSecret } from '../../support/coa-peer/disconnect-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { insertSessions, online } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { closedPort } from '../../integration/disconnect/disconnect-fixture';
import {
  finishedRun,
  openCount,
  quickDisconnects,
  saveCoaAccess,
  useCoaNas,
  saveApiAndCoaAccess,
} from './disconnect-fixture';

let database: TestDatabase;
let app: ServiceHarness;

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  app = await connectedHarness(database, { disconnect: quickDisconnects });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const coaNas = useCoaNas(() => database);
/** The CoA budget of quickDisconnects: 100 + 200 ms. A reply later than that is too late. */
const afterTheBudgetMs = 700;

const sessionOf = async (username: string, nas: string): Promise<string> => {
  const [id] = await insertSessions(database.pool(), [
    online({ username, nas, ip: '100.64.30.1', sessionId: `${username}-s` }),
  ]);
  return id!;
};

const auditOf = async (radacctId: string): Promise<AuditEntry | undefined> =>
  (await app.ok('audit.list', { limit: 1000 })).find((entry) => entry.radacctId === radacctId);

describe('one Disconnect: radacct decides the outcome', () => {
  it('is done when the NAS ended the session but its reply came after the tries ran out', async () => {
    const nas = await coaNas('127.0.10.31', { answer: 'ack', delayMs: afterTheBudgetMs });
    await saveCoaAccess(app, nas);
    const id = await sessionOf('late@fiber', nas.address);

    const outcome = await app.ok('nas.disconnect', { radacctId: id });

    expect(outcome).toMatchObject({ result: 'done', path: null, sessionOpen: false, sent: true });
    expect(outcome.message).toMatch(
      /^Disconnected late@fiber on 127\.0\.10\.31 \(NAS reply lost or late; Accounting-Stop at \d\d:\d\d:\d\d\)\.$/,
    );
    expect(outcome.stoppedAt).not.toBeNull();
    expect(await auditOf(id)).toMatchObject({ result: 'done', detail: outcome.message });
  });

  it('is done when the NAS ended the session but its reply fails the authenticator check', async () => {
    const nas = await coaNas('127.0.10.32', { answer: 'ack', corrupt: 'authenticator' });
    await saveCoaAccess(app, nas);
    const id = await sessionOf('spoilt@fiber', nas.address);

    const outcome = await app.ok('nas.disconnect', { radacctId: id });

    expect(outcome).toMatchObject({ result: 'done', path: null });
    expect(outcome.message).toMatch(/\(NAS reply unverifiable; Accounting-Stop at /);
    expect(await auditOf(id)).toMatchObject({ result: 'done' });
  });

  it('is done when the API user is left empty and the CoA reply never comes, but the session ended', async () => {
    const nas = await coaNas('127.0.10.33', { answer: 'silent' }, 'on-request');
    await app.ok(
      'nasAccess.save',
      nasAccessDraft({
        nasIp: nas.address,
        apiUser: '',
        apiPort: await closedPort(),
        coaPort: nas.port,
        coaSecret: peerSecret,
      }),
    );
    const id = await sessionOf('quiet@fiber', nas.address);

    const outcome = await app.ok('nas.disconnect', { radacctId: id });

    expect(outcome.result).toBe('done');
    expect(outcome.attempts.map((attempt) => [attempt.path, attempt.outcome])).toEqual([
      ['routeros-api', 'skipped'],
      ['coa', 'failed'],
    ]);
    expect(await openCount(database, [id])).toBe(0);
  });

  it('fails with every path’s reason, as sentences, when the NAS says NAK and the session stays open', async () => {
    // 506, not 503: a NAS that says it has no such session makes the row a ghost (see
    // test/integration/stale/ghost-close.test.ts).
    const nas = await coaNas('127.0.10.34', { answer: 'nak', errorCause: 506 }, 'never');
    await saveApiAndCoaAccess(app, nas.address, { apiPort: await closedPort(), coaPort: nas.port });
    const id = await sessionOf('stays@fiber', nas.address);

    const outcome = await app.ok('nas.disconnect', { radacctId: id });

    expect(outcome).toMatchObject({ result: 'failed', path: null, sessionOpen: true });
    expect(outcome.message).toMatch(
      /^Disconnect failed: RouterOS API at 127\.0\.10\.34:\d+ refused the connection: .*\. CoA: Disconnect-NAK Resources-Unavailable \(506\)\. radacct still shows the session open 1\.5 s later\.$/,
    );
    // Never glued: no ".;" and no sentence run into the next.
    expect(outcome.message).not.toMatch(/\.;|[a-z] [A-Z][a-z]+ NAS/);
    expect(await auditOf(id)).toMatchObject({
      result: 'failed',
      path: null,
      detail: outcome.message,
    });
  });
});

describe('a bulk run: the tallies are its outcomes, and so is the audit log', () => {
  it('counts sessions the NAS ended without a usable reply as disconnected, and the rest as still online', async () => {
    const late = await coaNas('127.0.10.35', { answer: 'ack', delayMs: afterTheBudgetMs });
    const naks = await coaNas('127.0.10.36', { answer: 'nak', errorCause: 503 }, 'never');
    const acksOnly = await coaNas('127.0.10.37', { answer: 'ack' }, 'never');
    for (const nas of [late, naks, acksOnly]) await saveCoaAccess(app, nas);
    const ids = await insertSessions(database.pool(), [
      online({ username: 'l1@fiber', nas: late.address, sessionId: 'l1' }),
      online({ username: 'l2@fiber', nas: late.address, sessionId: 'l2' }),
      online({ username: 'n1@fiber', nas: naks.address, sessionId: 'n1' }),
      online({ username: 'n2@fiber', nas: naks.address, sessionId: 'n2' }),
      online({ username: 'a1@fiber', nas: acksOnly.address, sessionId: 'a1' }),
    ]);

    const started = await app.ok('disconnect.start', {
      selection: { kind: 'sessions', radacctIds: ids },
    });
    const report = await finishedRun(app, started.runId);

    const byResult = (result: DisconnectOutcome['result']) =>
      report.outcomes.filter((outcome) => outcome.result === result).length;
    expect(report).toMatchObject({
      state: 'finished',
      total: 5,
      done: 2,
      failed: 2,
      stillOnline: 1,
      cancelled: 0,
      pending: 0,
      unconfirmed: 0,
      // What the table behind the dialog shows: three sessions still online.
      sessionsOpen: 3,
      answered: 3,
      sent: 5,
    });
    expect([byResult('done'), byResult('failed'), byResult('still-online')]).toEqual([2, 2, 1]);
    expect(await openCount(database, ids)).toBe(report.sessionsOpen);

    const audit = await app.ok('audit.list', { runId: started.runId });
    expect(audit).toHaveLength(5);
    for (const outcome of report.outcomes) {
      const entry = audit.find((candidate) => candidate.radacctId === outcome.radacctId);
      expect(entry).toMatchObject({ result: outcome.result, detail: outcome.message });
    }
  });
});
