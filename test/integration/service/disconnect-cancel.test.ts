// Cancel means cancel: from the moment Cancel is pressed nothing more leaves this
// workstation — no CoA fallback after an API failure, no retransmission of an unanswered
// Disconnect-Request, no API remove after a print. The peers record every datagram and API
// sentence with its arrival time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { usePeers } from '../../support/routeros-peer/peer-fixture';
import { insertSessions } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import {
  finishedRun,
  openCount,
  saveApiAndCoaAccess,
  saveCoaAccess,
  sessionsOn,
  useCoaNas,
} from './disconnect-fixture';

let database: TestDatabase;
let app: ServiceHarness;

// Waits long enough that a request left after Cancel would be seen: a 1 s API timeout
// (then the CoA fallback) and CoA retransmissions after 300 and 600 ms.
const timing = { apiTimeoutMs: 1_000, coaTries: 3, coaFirstWaitMs: 300 };
const pastEveryWaitMs = 2_500;

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  app = await connectedHarness(database, {
    disconnect: { timing, watch: { graceMs: 500, pollMs: 25 } },
  });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const coaNas = useCoaNas(() => database);
const routerOs = usePeers();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (done: () => boolean) => {
  while (!done()) await pause(5);
};

describe('Cancel of a bulk run', () => {
  it('sends no CoA fallback once Cancel is pressed while the API login hangs', async () => {
    const api = await routerOs.start({ host: '127.0.10.11', switches: { silent: true } });
    const coa = await coaNas('127.0.10.11', { answer: 'silent' });
    await saveApiAndCoaAccess(app, '127.0.10.11', { apiPort: api.port, coaPort: coa.port });
    const ids = await insertSessions(database.pool(), sessionsOn('127.0.10.11', 20, 'hang'));
    const started = await app.ok('disconnect.start', {
      selection: { kind: 'sessions', radacctIds: ids },
    });
    await until(() => api.sentences.some((sentence) => sentence.words[0] === '/login'));

    const cancelled = await app.ok('disconnect.cancel', { runId: started.runId });
    const cancelledAt = performance.now();
    expect(cancelled.state).toBe('cancelling');
    const report = await finishedRun(app, started.runId);
    await pause(pastEveryWaitMs);

    expect(coa.received).toEqual([]);
    expect(api.sentences.filter((sentence) => sentence.receivedAt > cancelledAt)).toEqual([]);
    expect(report).toMatchObject({
      state: 'cancelled',
      total: 20,
      cancelled: 20,
      done: 0,
      failed: 0,
      sent: 0,
      answered: 0,
      pending: 0,
      sessionsOpen: 20,
    });
    expect(await openCount(database, ids)).toBe(20);
    const audit = await app.ok('audit.list', { runId: started.runId });
    expect(audit.map((entry) => entry.result)).toEqual(Array(20).fill('cancelled'));
  });

  it('sends no remove after a print that was answered after Cancel', async () => {
    const ids = await insertSessions(database.pool(), sessionsOn('127.0.10.12', 3, 'print'));
    const api = await routerOs.start({
      host: '127.0.10.12',
      sessions: [0, 1, 2].map((n) => ({
        id: `*${n + 1}`,
        name: `print${n}@fiber`,
        address: `100.64.0.${n + 1}`,
        callerId: '',
      })),
      switches: { slowMs: 300 },
    });
    const coa = await coaNas('127.0.10.12', { answer: 'ack' });
    await saveApiAndCoaAccess(app, '127.0.10.12', { apiPort: api.port, coaPort: coa.port });
    const started = await app.ok('disconnect.start', {
      selection: { kind: 'sessions', radacctIds: ids },
    });
    await until(() => api.sentences.some((sentence) => sentence.words[0] === '/ppp/active/print'));

    await app.ok('disconnect.cancel', { runId: started.runId });
    const cancelledAt = performance.now();
    const report = await finishedRun(app, started.runId);
    await pause(pastEveryWaitMs);

    const commands = api.sentences.map((sentence) => sentence.words[0]);
    expect(commands).not.toContain('/ppp/active/remove');
    expect(api.sentences.filter((sentence) => sentence.receivedAt > cancelledAt)).toEqual([]);
    expect(coa.received).toEqual([]);
    expect(api.sessions).toHaveLength(3);
    expect(report).toMatchObject({ state: 'cancelled', cancelled: 3, sent: 0 });
    expect(await openCount(database, ids)).toBe(3);
  });

  it('retransmits nothing once Cancel is pressed, and says how many the NAS answered', async () => {
    const coa = await coaNas('127.0.10.13', { answer: 'silent' });
    await saveCoaAccess(app, coa);
    const ids = await insertSessions(database.pool(), sessionsOn('127.0.10.13', 30, 'udp'));
    const started = await app.ok('disconnect.start', {
      selection: { kind: 'sessions', radacctIds: ids },
    });
    // The first transmissions of the 8 in flight on this NAS; their retransmissions are due
    // 300 ms later.
    await until(() => coa.received.length >= 8);

    await app.ok('disconnect.cancel', { runId: started.runId });
    const report = await finishedRun(app, started.runId);
    await pause(pastEveryWaitMs);

    // Only the first transmissions of the sessions in flight: no retransmission, no new one.
    expect(coa.received).toHaveLength(8);
    expect(new Set(coa.received.map((request) => request.acctSessionId)).size).toBe(8);
    expect(report).toMatchObject({
      state: 'cancelled',
      total: 30,
      cancelled: 30,
      sent: 8,
      answered: 0,
    });
  });
});
