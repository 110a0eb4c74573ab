// disconnectSession through the real endpoint against the RouterOS API and CoA test peers:
// the Disconnect button's pipeline and outcome (path, words, radacct's Accounting-Stop),
// audited under the token's name; by id, or by an Acct-Session-Id naming one open session
// (several: the candidates, nothing sent); refused, with nothing sent, to a token that may
// not disconnect, to an operator without subscribers.disconnect, and outside the scope.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeAccountingStop } from '../../support/accounting-stop';
import type { AppServer } from '../../support/app-server';
import { apiServerFor, createApiToken, postGraphql } from '../../support/automation-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addOperator, installOperatorsTable, operatorRoles } from '../../support/operator-roles';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../../support/routeros-peer/routeros-peer';
import { addReseller, addSubscriber, insertSessions, offline, online } from '../../support/seed';
import {
  quickDisconnects,
  saveApiAndCoaAccess,
  saveCoaAccess,
  useCoaNas,
} from '../service/disconnect-fixture';

const routerOsNas = '127.0.10.41';
const coaNasIp = '127.0.10.42';
const disconnect = `mutation off($id: ID, $sessionId: String) {
  disconnectSession(id: $id, sessionId: $sessionId) {
    id username nasIpAddress result path message confirmed stoppedAt sessionOpen sent answered
    attempts { path outcome detail }
  }
}`;

const roles = operatorRoles();
let database: TestDatabase;
let admin: { app: AppServer; apiUrl: string };
let collector: { app: AppServer; apiUrl: string };
let north: number;
let bot: string;

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  north = await addReseller(pool, 'North Fiber');
  const south = await addReseller(pool, 'South Fiber');
  for (const username of [
    'alice@north',
    'carol@north',
    'dave@north',
    'erin@north',
    'frank@north',
  ]) {
    await addSubscriber(pool, { username, resellerId: north });
  }
  await addSubscriber(pool, { username: 'bob@south', resellerId: south });
  await installOperatorsTable(pool);
  const collectorRole = await roles.create('collector', [database]);
  await addOperator(pool, collectorRole.role, { userType: 'collector', resellerId: north });
  admin = await apiServerFor(database, {
    name: 'admin',
    options: { disconnect: quickDisconnects },
  });
  collector = await apiServerFor(database, {
    as: collectorRole.profile,
    name: 'collector',
    options: { disconnect: quickDisconnects },
  });
  bot = await createApiToken(admin.app.harness, {
    name: 'support-bot',
    scope: { kind: 'admin' },
    mayDisconnect: true,
  });
});

afterAll(async () => {
  await admin?.app.close();
  await collector?.app.close();
  await database?.drop();
  await roles.drop();
});

const coaNas = useCoaNas(() => database);
let routerOs: RouterOsPeer | undefined;
afterEach(async () => {
  await routerOs?.close();
  routerOs = undefined;
});

const newestAudit = async () => (await admin.app.harness.ok('audit.list', { limit: 1 }))[0];

const isOpen = async (radacctId: string): Promise<boolean> => {
  const { rows } = await database
    .pool()
    .query('SELECT acctstoptime IS NULL AS open FROM radacct WHERE radacctid = $1', [radacctId]);
  return rows[0]?.open === true;
};

async function disconnectVia(
  server: { apiUrl: string },
  token: string,
  variables: { id?: string; sessionId?: string },
) {
  const answer = await postGraphql(server.apiUrl, token, { query: disconnect, variables });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('disconnectSession', () => {
  it('by id: the RouterOS API removes it, radacct confirms, the audit log names the token', async () => {
    const [id] = await insertSessions(database.pool(), [
      online({
        username: 'alice@north',
        nas: routerOsNas,
        ip: '100.64.7.1',
        sessionId: '81a00001',
      }),
    ]);
    routerOs = await startRouterOsPeer({
      host: routerOsNas,
      credentials: nocCredentials,
      sessions: [
        {
          id: '*1',
          name: 'alice@north',
          address: '100.64.7.1',
          callerId: '',
          sessionId: '0x81A00001',
        },
      ],
      onRemove: () => writeAccountingStop(database.pool(), '81a00001'),
    });
    const coa = await coaNas(routerOsNas, { answer: 'ack' });
    await saveApiAndCoaAccess(admin.app.harness, routerOsNas, {
      apiPort: routerOs.port,
      coaPort: coa.port,
    });

    const body = await disconnectVia(admin, bot, { id: id! });

    const outcome = body.data!.disconnectSession as Record<string, unknown>;
    expect(body.errors).toBeUndefined();
    expect(outcome).toMatchObject({
      id,
      username: 'alice@north',
      nasIpAddress: routerOsNas,
      result: 'DONE',
      path: 'ROUTEROS_API',
      confirmed: true,
      sessionOpen: false,
      sent: true,
      answered: true,
      attempts: [{ path: 'ROUTEROS_API', outcome: 'OK', detail: expect.any(String) }],
    });
    expect(outcome.message).toMatch(
      /^Disconnected alice@north on 127\.0\.10\.41 via RouterOS API \(Accounting-Stop at \d\d:\d\d:\d\d\)\.$/,
    );
    expect(outcome.stoppedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(coa.received).toHaveLength(0);
    expect(await isOpen(id!)).toBe(false);
    expect(await newestAudit()).toMatchObject({
      action: 'disconnect',
      username: 'alice@north',
      radacctId: id,
      path: 'routeros-api',
      result: 'done',
      detail: outcome.message,
      apiToken: 'support-bot',
      dbRole: database.profile.user,
    });
  });

  it('by sessionId: a CoA Disconnect-Request when no API login is set', async () => {
    const [id] = await insertSessions(database.pool(), [
      online({ username: 'carol@north', nas: coaNasIp, ip: '100.64.7.2', sessionId: 'c0ffee01' }),
    ]);
    const peer = await coaNas(coaNasIp, { answer: 'ack' });
    await saveCoaAccess(admin.app.harness, peer);

    const body = await disconnectVia(admin, bot, { sessionId: 'c0ffee01' });

    expect(body.data!.disconnectSession).toMatchObject({
      id,
      result: 'DONE',
      path: 'COA',
      confirmed: true,
    });
    expect(peer.received[0]).toMatchObject({
      userName: 'carol@north',
      acctSessionId: 'c0ffee01',
      framedIp: '100.64.7.2',
    });
    expect(await newestAudit()).toMatchObject({
      radacctId: id,
      path: 'coa',
      apiToken: 'support-bot',
    });
  });

  it('by a sessionId two NAS use: the candidates, and nothing sent', async () => {
    const ids = await insertSessions(database.pool(), [
      online({ username: 'dave@north', nas: coaNasIp, sessionId: 'dup0001' }),
      online({ username: 'erin@north', nas: routerOsNas, sessionId: 'dup0001' }),
      offline({ username: 'frank@north', nas: routerOsNas, sessionId: 'dup0001' }),
    ]);
    const peer = await coaNas(coaNasIp, { answer: 'ack' });
    await saveCoaAccess(admin.app.harness, peer);
    const audited = (await newestAudit())?.id;

    const body = await disconnectVia(admin, bot, { sessionId: 'dup0001' });

    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          `The Acct-Session-Id "dup0001" names 2 open sessions (each NAS numbers its own): ` +
          `id ${ids[0]} (dave@north on ${coaNasIp}), id ${ids[1]} (erin@north on ${routerOsNas}). ` +
          'Disconnect one of them by its id.',
        path: ['disconnectSession'],
        extensions: { code: 'BAD_USER_INPUT', candidates: `${ids[0]},${ids[1]}` },
      }),
    ]);
    expect(peer.received).toHaveLength(0);
    expect((await newestAudit())?.id).toBe(audited);
  });

  it('needs exactly one of id and sessionId', async () => {
    for (const variables of [{}, { id: '1', sessionId: 'x' }]) {
      const body = await disconnectVia(admin, bot, variables);
      expect(body.errors?.[0]).toMatchObject({
        message: 'Name the session to disconnect by id or by sessionId: exactly one of the two.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('says an ended session has nothing to disconnect', async () => {
    const [id] = await insertSessions(database.pool(), [
      offline({ username: 'frank@north', nas: coaNasIp }),
    ]);
    const body = await disconnectVia(admin, bot, { id: id! });
    expect(body.errors?.[0]).toMatchObject({
      message: `Session ${id} (frank@north on ${coaNasIp}) has already ended: there is nothing to disconnect.`,
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('disconnectSession refused, with nothing sent', () => {
  async function openSessionOnPeer(username: string) {
    const [id] = await insertSessions(database.pool(), [
      online({ username, nas: coaNasIp, sessionId: `x-${username}` }),
    ]);
    const peer = await coaNas(coaNasIp, { answer: 'ack' });
    await saveCoaAccess(admin.app.harness, peer);
    return { id: id!, peer };
  }

  it('to a token that may not disconnect', async () => {
    const { id, peer } = await openSessionOnPeer('dave@north');
    const reader = await createApiToken(admin.app.harness, {
      name: 'reader',
      scope: { kind: 'admin' },
    });
    const body = await disconnectVia(admin, reader, { id });
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The API token "reader" may not disconnect sessions\./),
      extensions: { code: 'FORBIDDEN', reason: 'permission-missing' },
    });
    expect(peer.received).toHaveLength(0);
    expect(await isOpen(id)).toBe(true);
  });

  it('to a reseller token, for a session outside its tree: not found', async () => {
    const { id, peer } = await openSessionOnPeer('bob@south');
    const northBot = await createApiToken(admin.app.harness, {
      name: 'north-bot',
      scope: { kind: 'reseller', resellerId: north },
      mayDisconnect: true,
    });
    const body = await disconnectVia(admin, northBot, { id });
    expect(body.errors?.[0]).toMatchObject({
      message: `No session has id ${id} in radacct, or it is outside what this token may see.`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(peer.received).toHaveLength(0);
  });

  it('to an operator without subscribers.disconnect, whatever the token', async () => {
    const { id, peer } = await openSessionOnPeer('erin@north');
    const token = await createApiToken(collector.app.harness, {
      name: 'collector-bot',
      scope: { kind: 'admin' },
      mayDisconnect: true,
    });
    const body = await disconnectVia(collector, token, { id });
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^You may not disconnect sessions: the database role ".*" lacks the permission subscribers\.disconnect/,
      ),
      extensions: { code: 'FORBIDDEN', permission: 'subscribers.disconnect' },
    });
    expect(peer.received).toHaveLength(0);
    expect(await isOpen(id)).toBe(true);
  });
});
