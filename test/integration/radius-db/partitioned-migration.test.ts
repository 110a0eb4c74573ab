import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, loadSchema, type TestDatabase } from '../../support/database';
import { startEmbeddedServer } from '../../support/embedded-server';

// The README's steps for moving an existing radacct into sql/radacct-partitioned.sql, run as
// a DBA would run them, on a table far larger than the lock table holds per transaction.
const rows = 20_000;
const partitionedSql = resolve(import.meta.dirname, '../../../sql/radacct-partitioned.sql');

describe('moving a stock radacct to the partitioned one, as the README says', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await database.pool().query(
      `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime,
                            acctstoptime)
       SELECT 's' || n, 'u' || n, 'user' || n, '127.0.10.1',
              date_trunc('month', now()) - n * interval '20 minutes',
              date_trunc('month', now()) - n * interval '20 minutes' + interval '5 minutes'
       FROM generate_series(1, $1::int) AS n`,
      [rows],
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('copies every row with the trigger off, then keeps ids unique with it on', async () => {
    const client = await database.pool().connect();
    try {
      // "rename it and its indexes and sequence, whose names the script reuses"
      await client.query(`ALTER TABLE radacct RENAME TO radacct_old;
        ALTER SEQUENCE radacct_radacctid_seq RENAME TO radacct_old_radacctid_seq;
        DO $$ DECLARE index_name text; BEGIN
          FOR index_name IN SELECT indexrelid::regclass::text FROM pg_index
                            WHERE indrelid = 'radacct_old'::regclass LOOP
            EXECUTE format('ALTER INDEX %I RENAME TO %I', index_name, index_name || '_old');
          END LOOP;
        END $$;`);
      await client.query(await readFile(partitionedSql, 'utf8'));
      await client.query('ALTER TABLE radacct DISABLE TRIGGER radacct_unique_session');
      await client.query('INSERT INTO radacct SELECT * FROM radacct_old');
      await client.query('ALTER TABLE radacct ENABLE TRIGGER radacct_unique_session');
      await client.query(
        "SELECT setval('radacct_radacctid_seq', (SELECT max(radacctid) FROM radacct))",
      );

      const copied = await client.query<{ n: string; partitions: string }>(
        `SELECT count(*) AS n, count(DISTINCT tableoid) AS partitions FROM radacct`,
      );
      expect(Number(copied.rows[0]?.n)).toBe(rows);
      // 20,000 sessions 20 minutes apart: about nine months of partitions.
      expect(Number(copied.rows[0]?.partitions)).toBeGreaterThan(6);

      const duplicate = await client
        .query(
          `INSERT INTO radacct (acctsessionid, acctuniqueid, nasipaddress, acctstarttime)
           VALUES ('s1', 'u1', '127.0.10.1', now())`,
        )
        .then(
          () => null,
          (error: { code?: string }) => error.code,
        );
      expect(duplicate).toBe('23505');
      const next = await client.query<{ radacctid: string }>(
        `INSERT INTO radacct (acctsessionid, acctuniqueid, nasipaddress, acctstarttime)
         VALUES ('new', 'new', '127.0.10.1', now()) RETURNING radacctid`,
      );
      // Past every copied id (the refused duplicate used one up, as it does on the stock table).
      expect(Number(next.rows[0]?.radacctid)).toBeGreaterThan(rows);
    } finally {
      client.release();
    }
  });

  it('runs out of lock table with the trigger on, which is why the README turns it off', async () => {
    // The lock table is the whole server's: filling it fails whatever runs beside it, so
    // this runs on a server of its own.
    const server = await startEmbeddedServer();
    const pool = new pg.Pool({ connectionString: server.url, max: 1 });
    pool.on('error', () => undefined);
    try {
      await loadSchema(pool, 'partitioned');
      // Twice what the server's lock table holds: the trigger locks once per row.
      const capacity = await pool.query<{ locks: number }>(
        `SELECT current_setting('max_locks_per_transaction')::int
                * (current_setting('max_connections')::int
                   + current_setting('max_prepared_transactions')::int) AS locks`,
      );
      const many = 2 * Number(capacity.rows[0]?.locks);
      const copy = await pool
        .query(
          `INSERT INTO radacct (acctsessionid, acctuniqueid, nasipaddress, acctstarttime)
           SELECT 's' || n, 'u' || n, '127.0.10.1', now() - n * interval '1 minute'
           FROM generate_series(1, $1::int) AS n`,
          [many],
        )
        .then(
          () => null,
          (error: { code?: string }) => error.code,
        );
      expect(copy).toBe('53200'); // out_of_memory: "out of shared memory"
      // Nothing went in. Right after the failure the server may still refuse a statement for
      // want of lock space (1 CI pass in ~8): ask until it answers, and it must say 0.
      const counted = () =>
        pool.query<{ n: string }>('SELECT count(*) AS n FROM radacct').then(
          (result) => Number(result.rows[0]?.n),
          (error: { code?: string }) => `refused (${error.code})`,
        );
      await expect.poll(counted, { timeout: 20_000, interval: 200 }).toBe(0);
    } finally {
      await pool.end();
      await server.stop();
    }
  }, 120_000);
});
