import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, operatorErrorOf } from '../../support/radius-db-helpers';
import { addSubscriber, insertSessions, offline } from '../../support/seed';

// A history search for a name runs its statements one after another: the usernames of the
// name, then the page beside its count. Each alone finishes within the statement timeout
// here; together they do not, and the operator's timeout is for the search, not for each
// statement. Slowness without big tables: other sessions hold ACCESS EXCLUSIVE locks, on
// subscribers (the names' statement waits) and on radacct (the page and count wait).
describe('a search shares one statement timeout across its statements', () => {
  const timeoutMs = 2_000;
  let database: TestDatabase;
  let db: RadiusDb;
  const lockers: pg.PoolClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    await addSubscriber(database.pool(), { username: 'sara@isp.example', fullName: 'Sara Karimi' });
    await insertSessions(database.pool(), [
      offline({ username: 'sara@isp.example', start: '2026-11-21T08:00:00Z' }),
    ]);
    db = await openRadiusDb(database.profile, { statementTimeoutMs: timeoutMs });
  });
  afterEach(async () => {
    for (const locker of lockers.splice(0)) {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
    }
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** Locks a table now and lets it go after `ms`. */
  async function lockFor(table: string, ms: number): Promise<void> {
    const locker = await database.pool().connect();
    lockers.push(locker);
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    setTimeout(() => void locker.query('ROLLBACK').catch(() => undefined), ms);
  }

  const search = () =>
    db.listSessions(listInput({ search: 'Sara Karimi', status: 'all' }), everything);

  it('cuts the search off when the timeout has passed in all, with the usual message', async () => {
    // The names wait 0.7 of the timeout; the page and count would then wait until 1.3 of it,
    // each within its own timeout, the search as a whole past it.
    await lockFor('subscribers', timeoutMs * 0.7);
    await lockFor('radacct', timeoutMs * 1.3);
    const error = await operatorErrorOf(search());
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/^The search was cut short after 2 s/);
  });

  it('answers the same search once nothing holds it up', async () => {
    const page = await search();
    expect(page.rows.map((row) => row[1])).toEqual(['sara@isp.example']);
  });
});
