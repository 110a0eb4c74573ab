import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, online } from '../../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

// Session Desk keeps 4 connections per database. When every one is busy (a slow query, a
// lock held by someone else) a fifth read waits for one, then gives up: the server is busy,
// not unreachable, and the profile is not lost.
let db: TestDatabase;
let app: ServiceHarness;
let locker: pg.PoolClient;

beforeAll(async () => {
  db = await createTestDatabase({ schema: 'stock' });
  await insertSessions(db.pool(), [online({ username: 'busy@isp.example' })]);
  app = openServiceHarness(undefined, {
    openDatabase: (profile, options) =>
      openRadiusDb(profile, { ...options, connectTimeoutMs: 400, statementTimeoutMs: 30_000 }),
  });
  const saved = await app.ok('profiles.save', draftFor(db.profile, 'busy'));
  await app.ok('profiles.connect', { id: saved.id });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('every connection of the pool busy', () => {
  it('is "busy", keeps the profile connected, and reads again once a connection frees', async () => {
    locker = await db.pool().connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE radacct IN ACCESS EXCLUSIVE MODE');
    // Four reads wait on the lock, holding all four connections. Four different searches
    // (one statement each): identical reads in flight at once would share one query.
    const held = ['busy', 'isp', 'example', '@'].map((search) =>
      app.call('sessions.list', { filter: { search } }),
    );
    try {
      await whileHeld();
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    for (const page of await Promise.all(held)) expect(page.ok).toBe(true);
    expect((await app.ok('sessions.list', { filter: {} })).rows).toHaveLength(1);
  });
});

async function whileHeld(): Promise<void> {
  await expect
    .poll(async () => {
      const waiting = await db
        .pool()
        .query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
        );
      return waiting.rows[0]!.n;
    })
    .toBe(4);

  const refused = await app.call('sessions.list', { filter: {} });
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe('DB_BUSY');
  expect(refused.error.message).toMatch(/busy/);
  expect(refused.error.message).not.toMatch(/unreachable|firewall/i);
  expect(await app.ok('connection.status', {})).toMatchObject({ kind: 'connected' });
}
