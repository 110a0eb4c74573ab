import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../integration/disconnect/disconnect-fixture';
import { peerSecret } from '../../support/coa-peer/disconnect-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../../support/routeros-peer/routeros-peer';
import { insertSessions, offline, online } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { quickDisconnects, saveCoaAccess, useCoaNas } from './disconnect-fixture';

const nasIp = '127.0.10.1';
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

const alicesSession = async (): Promise<string> => {
  const [id] = await insertSessions(database.pool(), [
    online({ username: 'alice@fiber', nas: nasIp, ip: '100.64.3.17', mac: 'AA:BB:CC:00:00:17' }),
  ]);
  return id!;
};

const isOpen = async (radacctId: string): Promise<boolean> => {
  const { rows } = await database
    .pool()
    .query('SELECT acctstoptime IS NULL AS open FROM radacct WHERE radacctid = $1', [radacctId]);
  return rows[0]?.open === true;
};

const newestAudit = async () => (await app.ok('audit.list', { limit: 1 }))[0];

describe('Disconnect on one row', () => {
  it('falls back to CoA when no API user is set, sees the stop, and audits who did it', async () => {
    const peer = await coaNas(nasIp, { answer: 'ack' });
    await saveCoaAccess(app, peer);
    const id = await alicesSession();

    const outcome = await app.ok('nas.disconnect', { radacctId: id });

    expect(outcome).toMatchObject({
      radacctId: id,
      username: 'alice@fiber',
      nasIp,
      result: 'done',
      path: 'coa',
    });
    expect(outcome.message).toMatch(
      /^Disconnected alice@fiber on 127\.0\.10\.1 via CoA Disconnect-Request \(Accounting-Stop at \d\d:\d\d:\d\d\)\.$/,
    );
    expect(outcome.attempts.map((attempt) => [attempt.path, attempt.outcome])).toEqual([
      ['routeros-api', 'skipped'],
      ['coa', 'ok'],
    ]);
    expect(peer.received[0]).toMatchObject({ userName: 'alice@fiber', framedIp: '100.64.3.17' });
    expect(await isOpen(id)).toBe(false);
    const audit = await newestAudit();
    expect(audit).toMatchObject({
      action: 'disconnect',
      username: 'alice@fiber',
      nasIp,
      radacctId: id,
      path: 'coa',
      result: 'done',
      dbRole: database.profile.user,
    });
    expect(audit?.osUser).not.toBe('');
  });

  describe('when the NAS acknowledges but the session stays open', () => {
    let routerOs: RouterOsPeer | undefined;
    afterEach(async () => {
      await routerOs?.close();
      routerOs = undefined;
    });

    it('flags it still open, and the other path then ends it', async () => {
      const id = await alicesSession();
      routerOs = await startRouterOsPeer({
        credentials: nocCredentials,
        host: nasIp,
        sessions: [{ id: '*1', name: 'alice@fiber', address: '100.64.3.17', callerId: '' }],
      });
      const coa = await coaNas(nasIp, { answer: 'ack' });
      await app.ok(
        'nasAccess.save',
        nasAccessDraft({
          nasIp,
          apiUser: nocCredentials.user,
          apiPassword: nocCredentials.password,
          apiPort: routerOs.port,
          coaPort: coa.port,
          coaSecret: peerSecret,
        }),
      );

      // The API removes the entry, but this NAS never sends an Accounting-Stop for it.
      const first = await app.ok('nas.disconnect', { radacctId: id });
      expect(first).toMatchObject({ result: 'still-online', path: 'routeros-api' });
      expect(first.message).toMatch(/^NAS acknowledged, session still open: .* Try the CoA/);
      expect(coa.received).toHaveLength(0);
      expect(await newestAudit()).toMatchObject({ result: 'still-online', path: 'routeros-api' });

      const retried = await app.ok('nas.disconnect', { radacctId: id, via: 'coa' });
      expect(retried).toMatchObject({ result: 'done', path: 'coa' });
      expect(retried.attempts.map((attempt) => attempt.path)).toEqual(['coa']);
      expect(await isOpen(id)).toBe(false);
    });
  });

  it('says why when both paths are down, and leaves the session open', async () => {
    const peer = await coaNas(nasIp, { answer: 'silent' });
    await app.ok(
      'nasAccess.save',
      nasAccessDraft({
        nasIp,
        apiUser: nocCredentials.user,
        apiPassword: nocCredentials.password,
        apiPort: await closedPort(),
        coaPort: peer.port,
        coaSecret: peerSecret,
      }),
    );
    const id = await alicesSession();

    const outcome = await app.ok('nas.disconnect', { radacctId: id });

    expect(outcome.result).toBe('failed');
    expect(outcome.path).toBeNull();
    expect(outcome.message).toMatch(/^Disconnect failed: .*refused.*\. CoA: No reply from /);
    expect(peer.received).toHaveLength(quickDisconnects.timing.coaTries);
    expect(await isOpen(id)).toBe(true);
    expect(await newestAudit()).toMatchObject({ radacctId: id, result: 'failed', path: null });
  });

  it('refuses a session that has ended, one that does not exist, and a malformed id', async () => {
    const [ended] = await insertSessions(database.pool(), [
      offline({ username: 'bob@fiber', nas: nasIp }),
    ]);
    const before = await newestAudit();

    const endedResult = await app.call('nas.disconnect', { radacctId: ended! });
    expect(endedResult).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!endedResult.ok) expect(endedResult.error.message).toMatch(/already ended/);

    const missing = await app.call('nas.disconnect', { radacctId: '999999999' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const malformed = await app.call('nas.disconnect', { radacctId: "1'; DROP TABLE radacct" });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    expect(await newestAudit()).toEqual(before);
  });
});

describe('Test NAS', () => {
  it('reports the API login and the CoA port separately, in words', async () => {
    const peer = await coaNas(nasIp, { answer: 'nak', errorCause: 503 }, 'never');
    await saveCoaAccess(app, peer);

    const report = await app.ok('nasAccess.test', { nasIp });

    expect(report.api).toEqual({
      outcome: 'skipped',
      detail: 'No API user is set: disconnects go by CoA only.',
      certificate: null,
    });
    expect(report.coa.outcome).toBe('ok');
    expect(report.coa.detail).toMatch(/answers and the secret matches.*Session-Context-Not-Found/);
    expect(peer.received[0]?.userName).toBe('session-desk-probe');
  });

  it('says to check the secret when the CoA port stays silent', async () => {
    const peer = await coaNas(nasIp, { answer: 'silent' });
    await saveCoaAccess(app, peer);

    const report = await app.ok('nasAccess.test', { nasIp });

    expect(report.coa.outcome).toBe('failed');
    expect(report.coa.detail).toMatch(/check the secret/);
  });
});
