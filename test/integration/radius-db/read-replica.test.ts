import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { F } from '@contract';
import { freeTcpPort } from '../../../src-main/free-port';
import { OperatorError } from '../../../src-main/operator-error';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { listInput } from '../../support/radius-db-helpers';
import { draftFor, openServiceHarness } from '../../support/service-harness';
import { insertSessions, online } from '../../support/seed';
import {
  serverBinaries,
  startStreamingReplica,
  type StreamingReplica,
} from '../../support/streaming-replica';

// A real hot standby streaming from a real primary, both started here: Session Desk reads
// the standby, says it is one and how far behind, and never writes to it.
let replica: StreamingReplica;
let ids: string[];
const onlineNow = listInput({ status: 'online' });

beforeAll(async () => {
  if (serverBinaries === null) return;
  const schema = await readFile(
    resolve(import.meta.dirname, '../../../src-main/demo/sql/freeradius-schema.sql'),
    'utf8',
  );
  replica = await startStreamingReplica(schema);
  ids = await insertSessions(replica.primaryPool, [
    online({ username: 'anna@fiber', nas: '10.0.0.1', ip: '100.64.0.10' }),
    online({ username: 'ben@fiber', nas: '10.0.0.1', ip: '100.64.0.11' }),
    online({ username: 'cleo@fiber', nas: '10.0.0.1', ip: '100.64.0.12' }),
  ]);
  await replica.caughtUp();
}, 120_000);
afterAll(async () => {
  await replica?.stop();
});

const openStops = async (): Promise<number> =>
  Number(
    (
      await replica.primaryPool.query<{ n: string }>(
        'SELECT count(*) AS n FROM radacct WHERE acctstoptime IS NULL',
      )
    ).rows[0]?.n,
  );

async function withDb<T>(db: RadiusDb, use: (db: RadiusDb) => Promise<T>): Promise<T> {
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

describe.skipIf(serverBinaries === null)('a profile pointed only at a hot standby', () => {
  it('lists the sessions written on the primary, and says standby with its lag', async () => {
    await withDb(await openRadiusDb(replica.standby), async (db) => {
      expect(db.role).toEqual({ kind: 'standby', writesTo: null });
      const page = await db.listSessions(onlineNow, everything);
      expect(page.rows.map((row) => row[F.username]).sort()).toEqual([
        'anna@fiber',
        'ben@fiber',
        'cleo@fiber',
      ]);
      const stats = await db.stats(everything);
      expect(stats.online).toBe(3);
      expect(stats.standby).not.toBeNull();
      const lag = stats.standby?.lagSeconds;
      expect(lag === null || (typeof lag === 'number' && lag >= 0)).toBe(true);
    });
  });

  it('refuses closing a session in words, before anything is sent, and changes nothing', async () => {
    await withDb(await openRadiusDb(replica.standby), async (db) => {
      const closing = db.closeLostSessions([ids[0]!], everything, false);
      await expect(closing).rejects.toBeInstanceOf(OperatorError);
      const error = (await closing.catch((caught: unknown) => caught)) as OperatorError;
      expect(error.code).toBe('DB_READ_ONLY');
      expect(error.reason).toBe('standby-read-only');
      expect(error.message).toMatch(
        /is a read-only standby: closing sessions needs the primary\. Add the primary's address/,
      );
      expect(error.message).not.toMatch(/read-only transaction/);
      await expect(db.takeSweeperLock()).rejects.toMatchObject({ code: 'DB_READ_ONLY' });
      expect(await db.sweeperRunner()).toBeNull();
    });
    expect(await openStops()).toBe(3);
  });
});

describe.skipIf(serverBinaries === null)('the service on a standby-only profile', () => {
  it('connects as a standby and a ghost close is refused in words, connection kept', async () => {
    const app = openServiceHarness();
    try {
      const saved = await app.ok('profiles.save', draftFor(replica.standby, 'standby'));
      await app.ok('profiles.connect', { id: saved.id });
      expect(await app.ok('connection.status', {})).toMatchObject({
        kind: 'connected',
        role: { kind: 'standby', writesTo: null },
      });
      const result = await app.call('cleanup.closeGhost', {
        id: ids[0]!,
        reason: 'no such session',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'DB_READ_ONLY' } });
      expect(await app.ok('connection.status', {})).toMatchObject({ kind: 'connected' });
      expect((await app.ok('sessions.stats', {})).standby).not.toBeNull();
    } finally {
      await app.close();
    }
    expect(await openStops()).toBe(3);
  });

  it('an enabled sweeper on it neither writes nor logs a refusal every tick', async () => {
    const logged: string[] = [];
    const app = openServiceHarness(undefined, {
      log: { error: (message) => logged.push(message) },
      sweeper: { everyMs: 3_600_000 },
    });
    try {
      const saved = await app.ok('profiles.save', draftFor(replica.standby, 'standby'));
      await app.ok('profiles.connect', { id: saved.id });
      await app.ok('cleanup.saveSettings', { staleAfterSeconds: 1800, sweeperEnabled: true });
      await expect(app.service.sweeper.tick()).resolves.toBeNull();
      await expect(app.service.sweeper.tick()).resolves.toBeNull();
      expect(logged).toEqual([]);
    } finally {
      await app.close();
    }
    expect(await openStops()).toBe(3);
  });
});

describe.skipIf(serverBinaries === null)('a standby with a primary for writes', () => {
  it('reads from the standby and closes on the primary; the standby then sees the stop', async () => {
    const profile = {
      ...replica.standby,
      primary: { host: replica.primary.host, port: replica.primary.port },
    };
    await withDb(await openRadiusDb(profile), async (db) => {
      expect(db.role).toEqual({
        kind: 'standby',
        writesTo: `127.0.0.1:${replica.primary.port}`,
      });
      const [closed] = await db.closeLostSessions([ids[1]!], everything, false);
      expect(closed).toMatchObject({ radacctId: ids[1], username: 'ben@fiber' });
      expect(await openStops()).toBe(2);
      await replica.caughtUp();
      const page = await db.listSessions(onlineNow, everything);
      expect(page.rows.map((row) => row[F.username]).sort()).toEqual(['anna@fiber', 'cleo@fiber']);
    });
  });

  it('through the service: the saved profile keeps the primary, a ghost close lands there', async () => {
    const app = openServiceHarness();
    try {
      const saved = await app.ok(
        'profiles.save',
        draftFor(replica.standby, 'standby+primary', {
          primaryHost: ` ${replica.primary.host} `,
          primaryPort: replica.primary.port,
        }),
      );
      expect(saved).toMatchObject({
        primaryHost: replica.primary.host,
        primaryPort: replica.primary.port,
      });
      await app.ok('profiles.connect', { id: saved.id });
      expect(await app.ok('connection.status', {})).toMatchObject({
        role: { kind: 'standby', writesTo: `127.0.0.1:${replica.primary.port}` },
      });
      const outcome = await app.ok('cleanup.closeGhost', {
        id: ids[2]!,
        reason: 'no such session',
      });
      expect(outcome).toMatchObject({ closed: true });
    } finally {
      await app.close();
    }
  });

  it('Test connection checks the primary for writes: down, or a standby too, is said', async () => {
    const app = openServiceHarness();
    try {
      const closedPort = await freeTcpPort();
      const down = await app.call(
        'profiles.test',
        draftFor(replica.standby, 'x', { primaryHost: '127.0.0.1', primaryPort: closedPort }),
      );
      expect(down).toMatchObject({ ok: false, error: { code: 'DB_UNREACHABLE' } });
      expect(!down.ok && down.error.message).toMatch(/the primary for writes/);
      const standbyToo = await app.call(
        'profiles.test',
        draftFor(replica.standby, 'x', {
          primaryHost: '127.0.0.1',
          primaryPort: replica.standby.port,
        }),
      );
      expect(standbyToo).toMatchObject({ ok: false, error: { code: 'DB_READ_ONLY' } });
      const good = await app.ok(
        'profiles.test',
        draftFor(replica.standby, 'x', {
          primaryHost: '127.0.0.1',
          primaryPort: replica.primary.port,
        }),
      );
      expect(good.role).toEqual({ kind: 'standby', writesTo: `127.0.0.1:${replica.primary.port}` });
    } finally {
      await app.close();
    }
  });

  it('a "primary" that is a standby too is refused in words', async () => {
    const profile = { ...replica.standby, primary: replica.standby };
    await withDb(await openRadiusDb(profile), async (db) => {
      await expect(db.closeLostSessions([ids[0]!], everything, false)).rejects.toMatchObject({
        code: 'DB_READ_ONLY',
        message: expect.stringMatching(/primary for writes at .* is read-only too/),
      });
    });
    expect(await openStops()).toBe(1);
  });
});

describe.skipIf(serverBinaries === null)('the primary itself', () => {
  it('is no standby: no lag shown', async () => {
    await withDb(await openRadiusDb(replica.primary), async (db) => {
      expect(db.role).toEqual({ kind: 'primary' });
      expect((await db.stats(everything)).standby).toBeNull();
    });
  });
});
