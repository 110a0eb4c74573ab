import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import {
  AccountingStopWatcher,
  type ReadStops,
} from '../../../src-main/service/accounting-stop-watcher';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, offline, online } from '../../support/seed';
import { nasIp } from './disconnect-fixture';

const quick = { graceMs: 300, pollMs: 25 };
const silentLog = { error: () => undefined };

describe('the one watcher of radacct for Accounting-Stops', () => {
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

  /** radacct's read, counting the queries and the sessions each one asked about. */
  const countingRead = () => {
    const reads: string[][] = [];
    const read: ReadStops = async (_profileId, ids) => {
      reads.push(ids);
      return radius.sessionStops(ids);
    };
    return { read, reads };
  };
  const onlineSessions = (count: number) =>
    insertSessions(
      db.pool(),
      Array.from({ length: count }, (_, n) =>
        online({ username: `w${n}@fiber`, nas: nasIp, ip: `100.64.9.${n + 1}` }),
      ),
    );
  // What FreeRADIUS does when the NAS's Accounting-Stop arrives.
  const recordStop = (radacctIds: string[], at = '2026-11-21T09:15:42Z') =>
    db
      .pool()
      .query(`UPDATE radacct SET acctstoptime = $2 WHERE radacctid = ANY($1::bigint[])`, [
        radacctIds,
        at,
      ]);

  it('gives each session its stop time as soon as radacct has it, polling until then', async () => {
    const [id] = await onlineSessions(1);
    const { read, reads } = countingRead();
    const watcher = new AccountingStopWatcher(read, { graceMs: 10_000, pollMs: 25 }, silentLog);
    const watching = watcher.watch(1, id!);
    setTimeout(() => void recordStop([id!]), 150);
    await expect(watching).resolves.toEqual({ kind: 'stopped', at: '2026-11-21T09:15:42Z' });
    expect(reads.length).toBeGreaterThan(1);
  });

  it('says open once the grace period has passed without a stop, after a last read', async () => {
    const [id] = await onlineSessions(1);
    const { read, reads } = countingRead();
    const watcher = new AccountingStopWatcher(read, quick, silentLog);
    await expect(watcher.watch(1, id!)).resolves.toEqual({ kind: 'open' });
    expect(reads.length).toBeGreaterThan(1);
  });

  it('reads every watched session in one query per poll, single and bulk alike', async () => {
    const ids = await onlineSessions(40);
    const { read, reads } = countingRead();
    const watcher = new AccountingStopWatcher(read, { graceMs: 10_000, pollMs: 50 }, silentLog);
    const readings = Promise.all(ids.map((id) => watcher.watch(1, id)));
    setTimeout(() => void recordStop(ids), 120);
    expect((await readings).every((reading) => reading.kind === 'stopped')).toBe(true);
    expect(reads[0]).toHaveLength(40);
    expect(reads.length).toBeLessThan(ids.length);
  });

  it('reads once, without waiting, a session watched with no grace', async () => {
    const [id] = await onlineSessions(1);
    const { read, reads } = countingRead();
    const watcher = new AccountingStopWatcher(read, { graceMs: 10_000, pollMs: 5_000 }, silentLog);
    await expect(watcher.watch(1, id!, 0)).resolves.toEqual({ kind: 'open' });
    expect(reads).toHaveLength(1);
  });

  it('gives no verdict when radacct cannot be read', async () => {
    const [id] = await onlineSessions(1);
    const watcher = new AccountingStopWatcher(
      async () => {
        throw new Error('the database went away');
      },
      quick,
      silentLog,
    );
    await expect(watcher.watch(1, id!)).resolves.toEqual({
      kind: 'unknown',
      why: 'the database went away',
    });
  });

  it('reads open, closed and archived sessions in one query', async () => {
    const [open, closed] = await insertSessions(db.pool(), [
      online({ username: 'bob@fiber', nas: nasIp }),
      offline({ username: 'bob@fiber', nas: nasIp }, '2026-11-21T09:00:00Z'),
    ]);
    // Archived out of radacct: only closed sessions leave it, so it counts as closed.
    const stops = await radius.sessionStops([open!, closed!, '999999999']);
    expect(stops).toEqual(
      new Map([
        [closed!, '2026-11-21T09:00:00Z'],
        ['999999999', null],
      ]),
    );
  });
});
