import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmDisconnect,
  disconnectSession,
  watchForStop,
  type DisconnectReport,
} from '../../../src-main/nas/disconnect';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, offline, online } from '../../support/seed';
import { accessTo, alice, fastTiming, nasIp, useNas } from './disconnect-fixture';

const quickWatch = { graceMs: 300, pollMs: 25 };

describe('watching radacct for the Accounting-Stop after a disconnect', () => {
  const nas = useNas();
  let db: TestDatabase;
  let radius: RadiusDb;
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock' });
    radius = await openRadiusDb(db.profile);
  });
  afterAll(async () => {
    await radius.close();
    await db.drop();
  });

  /** The read the service gives watchForStop: has radacct the session's stop yet? */
  const stopRecordedFor = (radacctId: string) => async () =>
    !(await radius.sessionsStillOpen([radacctId])).has(radacctId);

  const onlineSession = async (): Promise<string> => {
    const [id] = await insertSessions(db.pool(), [
      online({ username: 'alice@fiber', nas: nasIp, ip: '100.64.3.17' }),
    ]);
    if (id === undefined) throw new Error('the session was not inserted');
    return id;
  };
  // What FreeRADIUS does when the NAS's Accounting-Stop arrives.
  const recordStop = (radacctId: string) =>
    db.pool().query(`UPDATE radacct SET acctstoptime = now() WHERE radacctid = $1`, [radacctId]);

  it('reports stopped once the Accounting-Stop lands, polling until then', async () => {
    const id = await onlineSession();
    const readStop = stopRecordedFor(id);
    let reads = 0;
    const watching = watchForStop(
      () => {
        reads += 1;
        return readStop();
      },
      { graceMs: 10_000, pollMs: 25 },
    );
    setTimeout(() => void recordStop(id), 150);
    await expect(watching).resolves.toBe('stopped');
    expect(reads).toBeGreaterThan(1);
  });

  it('reports still-online when no stop arrives within the grace period', async () => {
    const id = await onlineSession();
    await expect(watchForStop(stopRecordedFor(id), quickWatch)).resolves.toBe('still-online');
  });

  it('reads open, closed and archived sessions in one query', async () => {
    const [open, closed] = await insertSessions(db.pool(), [
      online({ username: 'bob@fiber', nas: nasIp }),
      offline({ username: 'bob@fiber', nas: nasIp }),
    ]);
    // Archived out of radacct: only closed sessions leave it, so it counts as closed.
    const stillOpen = await radius.sessionsStillOpen([open!, closed!, '999999999']);
    expect(stillOpen).toEqual(new Set([open]));
  });

  it('confirms a CoA disconnect once its stop is recorded', async () => {
    const id = await onlineSession();
    const coa = await nas.coa({ answer: 'ack' });
    const target = { ...alice, radacctId: id };
    const report = await disconnectSession(target, accessTo({ coa }), {}, fastTiming);
    setTimeout(() => void recordStop(id), 50);
    const confirmed = await confirmDisconnect(report, stopRecordedFor(id), {
      graceMs: 10_000,
      pollMs: 25,
    });
    expect(confirmed).toEqual(report);
    expect(confirmed).toMatchObject({ result: 'done', path: 'coa' });
  });

  it('flags an acknowledged disconnect whose session stays open', async () => {
    const id = await onlineSession();
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(
      { ...alice, radacctId: id },
      accessTo({ coa }),
      {},
      fastTiming,
    );
    const confirmed = await confirmDisconnect(report, stopRecordedFor(id), quickWatch);
    expect(confirmed).toEqual({
      result: 'still-online',
      path: 'coa',
      reason: 'NAS acknowledged, session still open',
      attempts: report.attempts,
    });
  });

  it('passes a failed disconnect through without reading radacct', async () => {
    const failed: DisconnectReport = {
      result: 'failed',
      reason: 'Disconnect failed: x',
      attempts: [],
    };
    let reads = 0;
    const readStop = async () => {
      reads += 1;
      return false;
    };
    await expect(confirmDisconnect(failed, readStop, quickWatch)).resolves.toBe(failed);
    expect(reads).toBe(0);
  });
});
