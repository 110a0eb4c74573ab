import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../disconnect/disconnect-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../../support/routeros-peer/routeros-peer';
import { insertSessions, online } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { quickDisconnects, saveApiAndCoaAccess, useCoaNas } from '../service/disconnect-fixture';

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

const row = async (radacctId: string) =>
  (
    await database.pool().query<{ stop: string | null; update: string | null; cause: string }>(
      `SELECT acctstoptime::text AS stop, acctupdatetime::text AS update,
              acctterminatecause AS cause FROM radacct WHERE radacctid = $1`,
      [radacctId],
    )
  ).rows[0];

// The NAS says it has no such session: the outcome says "ghost", and Close in radacct ends it.
describe('a ghost found by a failed disconnect', () => {
  let routerOs: RouterOsPeer | undefined;
  afterEach(async () => {
    await routerOs?.close();
    routerOs = undefined;
  });

  it('RouterOS finds nothing and CoA NAKs 503: a ghost, closed in radacct on request', async () => {
    const [id] = await insertSessions(database.pool(), [
      online({
        username: 'ghost@fiber',
        nas: nasIp,
        ip: '100.64.3.40',
        start: '2026-11-21T08:00:00Z',
        update: '2026-11-21T09:00:00Z',
      }),
    ]);
    // The router's /ppp/active has no entry for her (RouterOS 7.18+ answers !empty).
    routerOs = await startRouterOsPeer({ credentials: nocCredentials, host: nasIp, sessions: [] });
    const coa = await coaNas(nasIp, { answer: 'nak', errorCause: 503 }, 'never');
    await saveApiAndCoaAccess(app, nasIp, { apiPort: routerOs.port, coaPort: coa.port });

    const outcome = await app.ok('nas.disconnect', { radacctId: id! });
    expect(outcome).toMatchObject({ result: 'failed', ghost: true, sessionOpen: true });
    expect(outcome.message).toMatch(/^Ghost: .* has no such session/);
    expect(outcome.message).toMatch(/Session-Context-Not-Found/);

    const closed = await app.ok('cleanup.closeGhost', {
      id: id!,
      reason: 'NAS said: no active session; Disconnect-NAK 503',
    });
    expect(closed).toMatchObject({ closed: true });
    const after = await row(id!);
    expect(after).toMatchObject({ stop: after?.update, cause: 'Lost-Carrier' });
    const [audit] = await app.ok('audit.list', { limit: 1 });
    expect(audit).toMatchObject({ action: 'ghost-close', radacctId: id, username: 'ghost@fiber' });
    expect(audit?.detail).toMatch(/Disconnect-NAK 503/);

    // Again: it is closed already, nothing is written twice.
    const again = await app.ok('cleanup.closeGhost', { id: id!, reason: 'again' });
    expect(again.closed).toBe(false);
  });

  it('a NAK for another reason is no ghost', async () => {
    const [id] = await insertSessions(database.pool(), [
      online({ username: 'real@fiber', nas: nasIp, ip: '100.64.3.41' }),
    ]);
    // The API port is closed (no answer about the session); CoA NAKs 506 Administratively
    // Prohibited: the NAS did not say the session is missing.
    const coa = await coaNas(nasIp, { answer: 'nak', errorCause: 506 }, 'never');
    await saveApiAndCoaAccess(app, nasIp, { apiPort: await closedPort(), coaPort: coa.port });
    const outcome = await app.ok('nas.disconnect', { radacctId: id! });
    expect(outcome).toMatchObject({ result: 'failed', ghost: false });
  });
});
