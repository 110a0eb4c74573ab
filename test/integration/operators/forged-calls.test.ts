// Calls a scoped operator's page would never send, forged on the loopback socket as any
// program on the workstation could: another reseller's subscriber, an export with a
// hand-made filter, disconnects outside the tree or without the permission. Main refuses
// each; no NAS hears anything, radacct and the audit log stay as they were.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, MethodName, Result, SocketResponse } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../../../src-main/loopback/loopback-server';
import { writeAccountingStop } from '../../support/accounting-stop';
import { startCoaPeer, type CoaPeer } from '../../support/coa-peer/coa-peer';
import { peerSecret } from '../../support/coa-peer/disconnect-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { exportOutcome, fixedExportFolder, parseCsv } from '../../support/export-helpers';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { addOperator, installOperatorsTable, operatorRoles } from '../../support/operator-roles';
import { seedResellerTree, sessionsOfTree, treeNas } from '../../support/reseller-tree';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../../support/routeros-peer/routeros-peer';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { quickDisconnects } from '../service/disconnect-fixture';

/** One operator's workstation in browser mode, and a socket opened on it by hand. */
interface Desk {
  app: ServiceHarness;
  server: LoopbackServer;
  exported: ReturnType<typeof fixedExportFolder>;
  call(method: MethodName | string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

const roles = operatorRoles();
const rendererDir = mkdtempSync(join(tmpdir(), 'sd-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Session Desk</title>');

let database: TestDatabase;
let reseller: Desk;
let readOnly: Desk;
const routers: RouterOsPeer[] = [];
const coaPorts: CoaPeer[] = [];

/** Every NAS of the tree answers on the RouterOS API and on CoA, and writes the stop. */
async function startNas(nasIp: string): Promise<void> {
  const online = (await sessionsOfTree(database.pool(), null)).filter(
    (session) => session.online && session.nas === nasIp,
  );
  const { rows } = await database
    .pool()
    .query<{ id: string; sid: string; mac: string }>(
      'SELECT radacctid::text AS id, acctsessionid AS sid, callingstationid AS mac FROM radacct WHERE radacctid = ANY($1::bigint[])',
      [online.map((session) => session.id)],
    );
  routers.push(
    await startRouterOsPeer({
      host: nasIp,
      credentials: nocCredentials,
      sessions: online.map((session) => {
        const row = rows.find((candidate) => candidate.id === session.id)!;
        return {
          id: `*${row.sid}`,
          name: session.username,
          address: session.ip!,
          callerId: row.mac,
        };
      }),
      onRemove: (removed) => writeAccountingStop(database.pool(), removed.id.slice(1)),
    }),
  );
  coaPorts.push(
    await startCoaPeer({
      address: nasIp,
      secret: peerSecret,
      behaviour: { answer: 'ack' },
      onAck: (request) => void writeAccountingStop(database.pool(), request.acctSessionId ?? ''),
    }),
  );
}

async function openDesk(label: string, row: Parameters<typeof addOperator>[2]): Promise<Desk> {
  const { role, profile } = await roles.create(label, [database]);
  await addOperator(database.pool(), role, row);
  const exported = fixedExportFolder();
  const app = await connectedHarness(
    database,
    { disconnect: quickDisconnects, chooseExportPath: exported.choose },
    label,
    profile,
  );
  // NAS logins as a past session may have stored them: straight into the store, past the
  // permission check, so a refusal below is main's and not a missing setting's.
  const profileId = app.store.profiles.list()[0]!.id;
  for (const [index, nasIp] of treeNas.entries()) {
    app.store.nasAccess.save(
      profileId,
      nasAccessDraft({
        nasIp,
        apiUser: nocCredentials.user,
        apiPassword: nocCredentials.password,
        apiPort: routers[index]!.port,
        coaPort: coaPorts[index]!.port,
        coaSecret: peerSecret,
      }),
    );
  }
  const server = await startLoopbackServer({ service: app.service, rendererDir });
  const origin = `http://127.0.0.1:${server.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { headers: { origin } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  // The first message hands over the token, as the page does (no cookie carries it).
  socket.send(JSON.stringify({ token: server.token }));
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as SocketResponse;
    pending.get(reply.id)?.(reply.result);
    pending.delete(reply.id);
  });
  return {
    app,
    server,
    exported,
    call: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      }),
    close: async () => {
      socket.close();
      await server.close();
      await app.close();
    },
  };
}

const refusal = (result: Result<unknown>): ApiError => {
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: ApiError }).error;
};

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const { resellers } = await seedResellerTree(database.pool());
  await installOperatorsTable(database.pool());
  for (const nasIp of treeNas) await startNas(nasIp);
  reseller = await openDesk('north', { userType: 'reseller', resellerId: resellers.north });
  readOnly = await openDesk('south', { userType: 'read-only', resellerId: resellers.south });
});

afterAll(async () => {
  await reseller?.close();
  await readOnly?.close();
  await Promise.all([...routers, ...coaPorts].map((peer) => peer.close()));
  await database?.drop();
  await roles.drop();
});

const onlineSessionOf = async (username: string) =>
  (await sessionsOfTree(database.pool(), null)).find(
    (session) => session.username === username && session.online,
  )!;

/** What a NAS or the records would show had anything been sent or done. */
async function traces() {
  const { rows } = await database
    .pool()
    .query<{ open: number }>(
      'SELECT count(*)::int AS open FROM radacct WHERE acctstoptime IS NULL',
    );
  return {
    open: rows[0]!.open,
    apiCommands: routers.flatMap((peer) => peer.commandsReceived()),
    coaRequests: coaPorts.reduce((sum, peer) => sum + peer.received.length, 0),
    resellerAudit: reseller.app.store.audit.list(reseller.app.store.profiles.list()[0]!.id, {
      limit: 1000,
      beforeId: null,
      runId: null,
      result: null,
      nasIp: null,
    }),
    readOnlyAudit: readOnly.app.store.audit.list(readOnly.app.store.profiles.list()[0]!.id, {
      limit: 1000,
      beforeId: null,
      runId: null,
      result: null,
      nasIp: null,
    }),
  };
}

describe('forged calls on the loopback socket', () => {
  it("a reseller asking for another reseller's subscriber hears it does not exist", async () => {
    const nowhere = refusal(await reseller.call('subscribers.detail', { username: 'ghost@isp' }));
    const south = refusal(await reseller.call('subscribers.detail', { username: 'south1@isp' }));
    expect(south).toEqual({
      ...nowhere,
      message: nowhere.message.replace('ghost@isp', 'south1@isp'),
    });
    const history = await reseller.call('subscribers.whoHad', {
      address: (await onlineSessionOf('south1@isp')).ip,
      at: '2026-11-21T09:00:00Z',
    });
    expect(history).toMatchObject({ ok: true, data: { sessions: [] } });
  });

  it('an export with a hand-made filter for another reseller writes none of its sessions', async () => {
    const before = await traces();
    const south = await onlineSessionOf('south1@isp');
    for (const filter of [
      { search: 'south1', status: 'all', nasIp: south.nas },
      { search: '', status: 'all', nasIp: null },
    ]) {
      const started = await reseller.call('export.start', { filter, scope: 'all' });
      expect(started.ok).toBe(true);
      const exportId = (started as { ok: true; data: { exportId: number } }).data.exportId;
      const finished = await exportOutcome(reseller.app, exportId);
      expect(finished.state).toBe('finished');
      const usernames = parseCsv(readFileSync(reseller.exported.path, 'utf8'))
        .slice(1)
        .map((record) => record[1]);
      expect(usernames).not.toContain('south1@isp');
      expect(usernames.every((name) => /^(north|ne|nef)\d@isp$/.test(name!))).toBe(true);
    }
    expect(await traces()).toEqual(before);
  });

  it("disconnects of another reseller's sessions read like sessions that do not exist, and nothing leaves", async () => {
    const before = await traces();
    const south = await onlineSessionOf('south1@isp');
    const attempts = (username: string, radacctId: string): [string, unknown][] => [
      ['nas.disconnect', { radacctId }],
      ['nas.disconnect', { radacctId, via: 'coa' }],
      ['disconnect.start', { selection: { kind: 'user', username } }],
      ['disconnect.start', { selection: { kind: 'sessions', radacctIds: [radacctId] } }],
      [
        'disconnect.start',
        {
          selection: {
            kind: 'filter',
            filter: { search: username, status: 'online', nasIp: south.nas },
          },
        },
      ],
      ['subscribers.ping', { radacctId }],
    ];
    const forged = attempts(south.username, south.id);
    const nowhere = attempts('ghost@isp', '999999999');
    for (const [index, [method, input]] of forged.entries()) {
      const error = refusal(await reseller.call(method, input));
      const [, ghostInput] = nowhere[index]!;
      const ghost = refusal(await reseller.call(method, ghostInput));
      expect(error.code, method).toBe('NOT_FOUND');
      expect(error.message, method).toBe(
        ghost.message.replaceAll('ghost@isp', south.username).replaceAll('999999999', south.id),
      );
    }
    expect(await traces()).toEqual(before);
  });

  it('an operator without subscribers.disconnect is refused on every disconnect path, even in its own tree', async () => {
    const before = await traces();
    const own = await onlineSessionOf('south1@isp');
    const attempts: [string, unknown][] = [
      ['nas.disconnect', { radacctId: own.id }],
      ['disconnect.preview', { selection: { kind: 'user', username: 'south1@isp' } }],
      ['disconnect.start', { selection: { kind: 'user', username: 'south1@isp' } }],
      ['disconnect.start', { selection: { kind: 'filter', filter: { status: 'online' } } }],
      ['disconnect.retryFailed', { runId: 1 }],
      ['nasAccess.list', {}],
      ['nasAccess.test', { nasIp: own.nas }],
    ];
    for (const [method, input] of attempts) {
      const error = refusal(await readOnly.call(method, input));
      expect(error.code, method).toBe('FORBIDDEN');
      expect(error.message).toContain('subscribers.disconnect');
    }
    // It still reads its own tree: the refusals are about the permission, not the session.
    expect(await readOnly.call('subscribers.detail', { username: 'south1@isp' })).toMatchObject({
      ok: true,
    });
    expect(await traces()).toEqual(before);
  });

  it('a request for a method that does not exist is refused', async () => {
    const error = refusal(
      await reseller.call('operator.grant', { permission: 'sessions.view_all' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
  });

  // Last: it ends a session. Without it, "nothing was sent" above could mean the NAS were
  // never reachable at all.
  it('the same reseller does disconnect its own subscriber, over the RouterOS API', async () => {
    const before = await traces();
    const own = await onlineSessionOf('nef1@isp');
    const done = await reseller.call('nas.disconnect', { radacctId: own.id });
    expect(done).toMatchObject({ ok: true, data: { result: 'done', path: 'routeros-api' } });
    const after = await traces();
    expect(after.open).toBe(before.open - 1);
    expect(after.apiCommands).toContain('/ppp/active/remove');
    expect(after.resellerAudit).toHaveLength(before.resellerAudit.length + 1);
    expect(after.resellerAudit[0]).toMatchObject({
      username: 'nef1@isp',
      userType: 'reseller',
      resellerName: 'North Fiber',
      result: 'done',
    });
  });
});
