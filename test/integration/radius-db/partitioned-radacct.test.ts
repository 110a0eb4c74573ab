import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, walkAllPages } from '../../support/radius-db-helpers';
import { insertSessions, offline, online, type SessionSeed } from '../../support/seed';

const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString();

// Sessions across many partitions and the DEFAULT one (2019, and a NAS clock years ahead):
// online, offline, stale, with addresses and MACs to search by.
const seeds: SessionSeed[] = [
  online({
    username: 'alice',
    ip: '100.64.1.5',
    mac: 'AA-BB-CC-00-11-22',
    start: minutesAgo(90),
    update: minutesAgo(2),
    sessionId: 'p-1',
  }),
  online({
    username: 'bob',
    ip: '100.64.1.6',
    start: minutesAgo(300),
    update: minutesAgo(45),
    sessionId: 'p-2',
  }),
  online({
    username: 'carol',
    nas: '10.0.0.2',
    ip: '100.64.2.7',
    start: '2019-03-04T05:06:07Z',
    update: minutesAgo(50),
    sessionId: 'p-3',
  }),
  offline(
    { username: 'alice', ip: '100.64.1.9', start: '2026-06-10T08:00:00Z', sessionId: 'p-4' },
    '2026-06-10T09:00:00Z',
  ),
  offline(
    { username: 'alice', ip: '100.64.1.5', start: '2026-11-21T08:00:00Z', sessionId: 'p-5' },
    '2026-11-21T09:30:00Z',
  ),
  offline(
    {
      username: 'dave',
      ip: '100.64.3.1',
      mac: 'aabb.cc00.3344',
      start: '2031-01-01T00:00:00Z',
      sessionId: 'p-6',
    },
    '2031-01-01T01:00:00Z',
  ),
  online({
    username: 'erin',
    nas: '10.0.0.2',
    ip: '100.64.2.8',
    start: minutesAgo(20),
    sessionId: 'p-7',
  }),
];

/** Drops the times a read stamps itself with (readAt): they differ between two reads. */
function withoutReadTimes(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, field: unknown) =>
      key === 'readAt' || key === 'staleReadAt' ? undefined : field,
    ),
  );
}

async function exportCsv(db: RadiusDb): Promise<string> {
  const chunks: Buffer[] = [];
  const query = listInput({ status: 'all' });
  await db.copySessionsCsv(
    { filter: query.filter, sort: query.sort, cursor: null, limit: 1_000_000 },
    everything,
    '2026-12-01T00:00:00Z',
    async (lines) => {
      chunks.push(lines);
    },
    new AbortController().signal,
  );
  return Buffer.concat(chunks).toString('utf8');
}

// The same seed in a stock radacct and in sql/radacct-partitioned.sql: every read Session
// Desk makes gives the same answer, and the sweeper's write closes the same sessions.
describe('a radacct partitioned by start time', () => {
  let plainDatabase: TestDatabase;
  let partitionedDatabase: TestDatabase;
  let plain: RadiusDb;
  let partitioned: RadiusDb;

  beforeAll(async () => {
    plainDatabase = await createTestDatabase({ schema: 'stock' });
    partitionedDatabase = await createTestDatabase({ schema: 'partitioned' });
    for (const database of [plainDatabase, partitionedDatabase]) {
      await insertSessions(database.pool(), seeds);
      await database.pool().query('ANALYZE radacct');
    }
    plain = await openRadiusDb(plainDatabase.profile);
    partitioned = await openRadiusDb(partitionedDatabase.profile);
  });
  afterAll(async () => {
    await plain?.close();
    await partitioned?.close();
    await plainDatabase?.drop();
    await partitionedDatabase?.drop();
  });

  it('is a partitioned table with rows in monthly partitions and the DEFAULT one', async () => {
    const { rows } = await partitionedDatabase.pool().query<{ partition: string; n: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS n
           FROM radacct GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.find((row) => row.partition === 'radacct_default')?.n).toBe(2);
    expect(rows.length).toBeGreaterThan(2);
    expect(partitioned.summary.radacctPartitioned).toBe(true);
    expect(plain.summary.radacctPartitioned).toBe(false);
    expect({ ...partitioned.summary, radacctPartitioned: false }).toEqual(plain.summary);
  });

  it('lists, searches, counts and pages the same sessions', async () => {
    const inputs = [
      listInput({ status: 'all', pageSize: 2 }),
      listInput({ status: 'online' }),
      listInput({ status: 'offline', sort: { column: 'startTime', direction: 'asc' } }),
      listInput({ status: 'all', search: 'alice' }),
      listInput({ status: 'all', search: '100.64.1' }),
      listInput({ status: 'all', search: 'aa:bb:cc:00:11' }),
      listInput({ status: 'all', nasIp: '10.0.0.2' }),
    ];
    for (const input of inputs) {
      const want = await walkAllPages(plain, input);
      const got = await walkAllPages(partitioned, input);
      expect(got.rows.length, JSON.stringify(input.filter)).toBeGreaterThan(0);
      expect(withoutReadTimes(got.pages)).toEqual(withoutReadTimes(want.pages));
    }
    expect(withoutReadTimes(await partitioned.stats(everything))).toEqual(
      withoutReadTimes(await plain.stats(everything)),
    );
  });

  it('exports the same CSV, byte for byte, through COPY', async () => {
    const want = await exportCsv(plain);
    expect(want.split('\n').length).toBeGreaterThan(seeds.length);
    expect(await exportCsv(partitioned)).toBe(want);
  });

  it('shows the same subscriber detail and answers who had an address the same', async () => {
    expect(withoutReadTimes(await partitioned.subscriberDetail('alice', everything))).toEqual(
      withoutReadTimes(await plain.subscriberDetail('alice', everything)),
    );
    for (const question of [
      { address: '100.64.1.5', at: '2026-11-21T08:30:00Z' },
      { address: '100.64.2.7', at: minutesAgo(10) },
      { address: 'AA:BB:CC:00:33:44', at: '2031-01-01T00:30:00Z' },
    ]) {
      const got = await partitioned.whoHad(question, everything);
      expect(got.sessions.length, question.address).toBeGreaterThan(0);
      expect(withoutReadTimes(got)).toEqual(
        withoutReadTimes(await plain.whoHad(question, everything)),
      );
    }
  });

  it('finds and closes the same stale sessions, moving none between partitions', async () => {
    const stalePlain = await plain.staleByNas(everything, 10);
    const staleParted = await partitioned.staleByNas(everything, 10);
    expect(withoutReadTimes(staleParted)).toEqual(withoutReadTimes(stalePlain));
    const ids = stalePlain.nas.flatMap((nas) => nas.sessions.map((session) => session.radacctId));
    expect(ids.length).toBeGreaterThan(0);
    const closedPlain = await plain.closeLostSessions(ids, everything, true);
    const closedParted = await partitioned.closeLostSessions(ids, everything, true);
    expect(closedParted.length).toBe(ids.length);
    expect(withoutReadTimes(closedParted)).toEqual(withoutReadTimes(closedPlain));
    const after = async (database: TestDatabase) =>
      (
        await database.pool().query(
          `SELECT radacctid::text, acctstarttime, acctstoptime IS NULL AS open, acctterminatecause
               FROM radacct ORDER BY radacctid`,
        )
      ).rows;
    expect(await after(partitionedDatabase)).toEqual(await after(plainDatabase));
  });

  it('reports size and upkeep summed over the partitions, and index statements that run', async () => {
    const health = await partitioned.databaseHealth();
    expect(health.radacct.estimatedRows).toBe(seeds.length);
    expect(health.radacct.totalBytes).toBeGreaterThan(0);
    expect(health.radacct.lastAnalyze).not.toBeNull();
    const sessionId = health.indexes.find((index) => index.name === 'radacct_acctsessionid_idx')!;
    // CONCURRENTLY cannot build on a partitioned parent: the statement given must run.
    expect(sessionId.statement).not.toContain('CONCURRENTLY');
    await partitionedDatabase.pool().query(sessionId.statement);
    const built = (await partitioned.databaseHealth()).indexes.find(
      (index) => index.name === 'radacct_acctsessionid_idx',
    )!;
    expect(built.exists).toBe(true);
    expect(built.sizeBytes).toBeGreaterThan(0);
  });

  it('recommends the online start-time index the partitioned script already creates', async () => {
    const onPartitioned = (await partitioned.databaseHealth()).indexes.find(
      (index) => index.name === 'radacct_online_start_idx',
    );
    expect(onPartitioned?.exists).toBe(true);
    expect(onPartitioned?.statement).toContain('(acctstarttime) WHERE acctstoptime IS NULL');
    // A single table finds its open sessions among the newest rows without it.
    const onPlain = (await plain.databaseHealth()).indexes.map((index) => index.name);
    expect(onPlain).not.toContain('radacct_online_start_idx');
  });
});
