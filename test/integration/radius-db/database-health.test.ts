import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, online } from '../../support/seed';

describe('database health', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [online({ username: 'alice', ip: '100.64.1.5' })]);
    await database.pool().query('ANALYZE radacct');
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('lists the recommended indexes as missing or present, and creates none itself', async () => {
    const countIndexes = async () =>
      (
        await database
          .pool()
          .query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'radacct'",
          )
      ).rows[0]!.n;
    const stock = await countIndexes();
    const before = await db.databaseHealth();
    expect(await countIndexes()).toBe(stock);
    expect(before.indexes.length).toBeGreaterThan(0);
    expect(before.indexes.every((index) => !index.exists && index.sizeBytes === null)).toBe(true);
    // Each says what the bench measured for the search it serves.
    const ip = before.indexes.find((index) => index.name === 'radacct_framedip_octets_trgm_idx');
    expect(ip?.measured).toMatch(/^history search '100\.64\.1': .* → \d+ ms$/);
    expect(before.radacct.estimatedRows).toBe(1);
    expect(before.radacct.lastAnalyze).not.toBeNull();
    expect(before.radacct.totalBytes).toBeGreaterThan(0);

    const sessionId = before.indexes.find((index) => index.name === 'radacct_acctsessionid_idx')!;
    await database.pool().query(sessionId.statement);
    const after = await db.databaseHealth();
    const present = after.indexes.filter((index) => index.exists);
    expect(present.map((index) => index.name)).toEqual(['radacct_acctsessionid_idx']);
    expect(present[0]!.sizeBytes).toBeGreaterThan(0);
    // The stock indexes plus the one the test made: reading health created nothing.
    expect(await countIndexes()).toBe(stock + 1);
  });

  it('offers the DROP of an index an earlier version recommended, only while it exists', async () => {
    expect((await db.databaseHealth()).retired).toEqual([]);
    // The IP index as an earlier version recommended it (regexp_replace, ~0.5 ms a row).
    await database
      .pool()
      .query(
        "CREATE INDEX radacct_framedip_marked_trgm_idx ON radacct ((regexp_replace(host(framedipaddress), '^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)$', '\\1x\\2y\\3z\\4')))",
      );
    const health = await db.databaseHealth();
    expect(health.retired).toEqual([
      {
        name: 'radacct_framedip_marked_trgm_idx',
        sizeBytes: expect.any(Number) as number,
        statement: 'DROP INDEX CONCURRENTLY IF EXISTS radacct_framedip_marked_trgm_idx;',
      },
    ]);
    await database.pool().query(health.retired[0]!.statement);
    expect((await db.databaseHealth()).retired).toEqual([]);
  });
});
