import type { Reconciliation } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../../support/routeros-peer/routeros-peer';
import { insertSessions, online } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { quickDisconnects } from '../service/disconnect-fixture';

const nasIp = '127.0.10.1';
let database: TestDatabase;
let app: ServiceHarness;
let router: RouterOsPeer;
let ids: Record<string, string>;

async function finished(id: number): Promise<Reconciliation> {
  for (;;) {
    const report = await app.ok('reconcile.report', { id });
    if (report.state !== 'running') return report;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The RouterOS test peer holds a different set of sessions than radacct.
describe('router vs database reconciliation', () => {
  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    const names = ['alice', 'bob', 'carol', 'erin'];
    const inserted = await insertSessions(database.pool(), [
      online({ username: 'alice', nas: nasIp, sessionId: '81a00001', ip: '100.64.0.1' }),
      online({ username: 'bob', nas: nasIp, sessionId: '81a00002', ip: '100.64.0.2' }),
      online({ username: 'carol', nas: nasIp, sessionId: '81a00003', ip: '100.64.0.3' }),
      online({
        username: 'erin',
        nas: nasIp,
        sessionId: '81a00005',
        ip: '100.64.0.5',
        mac: 'AA:BB:CC:00:00:05',
      }),
    ]);
    ids = Object.fromEntries(names.map((name, i) => [name, inserted[i]!]));
    router = await startRouterOsPeer({
      credentials: nocCredentials,
      host: nasIp,
      sessions: [
        { id: '*1', name: 'alice', address: '100.64.0.1', callerId: '', sessionId: '0x81A00001' },
        // carol: the router gave her another address than radacct holds.
        { id: '*3', name: 'carol', address: '100.64.0.33', callerId: '', sessionId: '0x81A00003' },
        // dave: on the router, no radacct row at all.
        { id: '*4', name: 'dave', address: '100.64.0.4', callerId: '', sessionId: '0x81A00004' },
        {
          id: '*5',
          name: 'erin',
          address: '100.64.0.5',
          callerId: 'AA:BB:CC:00:00:55',
          sessionId: '0x81A00005',
        },
      ],
    });
    app = await connectedHarness(database, { disconnect: quickDisconnects });
    await app.ok(
      'nasAccess.save',
      nasAccessDraft({
        nasIp,
        apiUser: nocCredentials.user,
        apiPassword: nocCredentials.password,
        apiPort: router.port,
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await router?.close();
    await database?.drop();
  });

  it('finds each class exactly, reading /ppp/active with .proplist', async () => {
    const started = await app.ok('reconcile.start', { nasIp: null });
    const report = await finished(started.id);
    expect(report).toMatchObject({ state: 'done', total: 1, done: 1 });
    const [nas] = report.nas;
    expect(nas).toMatchObject({ nasIp, error: null, routerSessions: 4, openInRadacct: 4 });
    expect(nas!.ghosts.map((row) => row.username)).toEqual(['bob']);
    expect(nas!.unaccounted.map((entry) => entry.name)).toEqual(['dave']);
    expect(nas!.mismatched.map(({ row, differs }) => [row.username, differs])).toEqual([
      ['carol', ['ip']],
      ['erin', ['mac']],
    ]);
    const print = router.sentences.find((sentence) => sentence.words[0] === '/ppp/active/print');
    expect(print?.words).toContain('=.proplist=.id,name,address,caller-id,session-id');
  });

  it('closing its ghosts closes only them, audited', async () => {
    const started = await app.ok('reconcile.start', { nasIp });
    const report = await finished(started.id);
    const closed = await app.ok('reconcile.closeGhosts', { id: report.id });
    expect(closed.map((outcome) => [outcome.radacctId, outcome.closed])).toEqual([[ids.bob, true]]);
    const { rows } = await database
      .pool()
      .query<{ username: string; cause: string | null }>(
        'SELECT username, acctterminatecause AS cause FROM radacct WHERE acctstoptime IS NOT NULL',
      );
    expect(rows).toEqual([{ username: 'bob', cause: 'Lost-Carrier' }]);
    const [audit] = await app.ok('audit.list', { limit: 1 });
    expect(audit).toMatchObject({ action: 'ghost-close', username: 'bob' });
    expect(audit?.detail).toMatch(/not in \/ppp\/active/);
  });

  it('says why a NAS could not be read, and refuses an unknown NAS', async () => {
    await app.ok('nasAccess.save', nasAccessDraft({ nasIp, apiUser: null }));
    const report = await finished((await app.ok('reconcile.start', { nasIp })).id);
    expect(report.nas[0]?.error).toMatch(/No RouterOS API login/);
    const refused = await app.call('reconcile.start', { nasIp: '127.0.10.99' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
