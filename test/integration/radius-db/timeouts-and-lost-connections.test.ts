import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, operatorErrorOf } from '../../support/radius-db-helpers';
import { insertSessions, online } from '../../support/seed';

// Deterministic slowness without pg_sleep or big tables: another session holds an
// ACCESS EXCLUSIVE lock on radacct, so any read of it waits until the statement timeout
// (which counts lock waits) or until its connection is cut.
describe('statement timeout and lost connections', () => {
  let database: TestDatabase;
  let locker: pg.PoolClient | null = null;
  const opened: RadiusDb[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [online({ username: 'slow@isp.example' })]);
  });
  afterEach(async () => {
    await releaseLock();
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function open(options: Parameters<typeof openRadiusDb>[1]): Promise<RadiusDb> {
    const db = await openRadiusDb(database.profile, options);
    opened.push(db);
    return db;
  }

  async function lockRadacct(): Promise<void> {
    locker = await database.pool().connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE radacct IN ACCESS EXCLUSIVE MODE');
  }

  async function releaseLock(): Promise<void> {
    if (!locker) return;
    await locker.query('ROLLBACK');
    locker.release();
    locker = null;
  }

  it('reports a query cut by the statement timeout as TIMEOUT, naming the limit', async () => {
    const db = await open({ statementTimeoutMs: 300 });
    await lockRadacct();
    const error = await operatorErrorOf(
      db.listSessions(listInput({ search: 'slow', status: 'all' }), everything),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/^The search was cut short after 0\.3 s/);
    expect(error.message).toContain('trigram indexes');
    expect(error.details).toEqual({ statementTimeoutMs: 300 });
  });

  it('reports the stat row cut by the statement timeout as TIMEOUT', async () => {
    const db = await open({ statementTimeoutMs: 300 });
    await lockRadacct();
    expect((await operatorErrorOf(db.stats(everything))).code).toBe('TIMEOUT');
    expect((await operatorErrorOf(db.countOnline(everything))).code).toBe('TIMEOUT');
  });

  it('works again once the lock is gone', async () => {
    const db = await open({ statementTimeoutMs: 300 });
    await lockRadacct();
    await operatorErrorOf(db.countOnline(everything));
    await releaseLock();
    await expect(db.countOnline(everything)).resolves.toBe(1);
  });

  it('reports a connection dropped in the middle of a query as DB_UNREACHABLE, then recovers', async () => {
    const applicationName = `session-desk-drop-${process.pid}-${Date.now()}`;
    const db = await open({ statementTimeoutMs: 20_000, applicationName });
    await lockRadacct();
    const listing = operatorErrorOf(db.listSessions(listInput({}), everything));
    await terminateWhenWaiting(applicationName, 2);
    const error = await listing;
    expect(error.code).toBe('DB_UNREACHABLE');
    expect(error.message).toMatch(/^The connection to PostgreSQL at .* was lost\./);
    await releaseLock();
    await expect(db.countOnline(everything)).resolves.toBe(1);
  });

  /** Waits until `count` of the app's queries wait on the lock, then ends their backends. */
  async function terminateWhenWaiting(applicationName: string, count: number): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const waiting = await database.pool().query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE application_name = $1 AND wait_event_type = 'Lock'`,
        [applicationName],
      );
      if (waiting.rows.length >= count) {
        await database
          .pool()
          .query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
            waiting.rows.map((row) => row.pid),
          ]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('The queries under test never started waiting on the lock.');
  }
});
