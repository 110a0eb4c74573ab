import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { createDbQueries, type DbQueries } from '../../../src-main/radius-db/db-queries';
import { detectSchema } from '../../../src-main/radius-db/detect-schema';
import { sessionPageSql } from '../../../src-main/radius-db/session-page-sql';
import { buildSessionSql } from '../../../src-main/radius-db/session-sql';
import { StatementNames } from '../../../src-main/radius-db/statement-names';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, offline, online } from '../../support/seed';

// The refresh's statements without parameters stay prepared on their connection, so
// PostgreSQL plans them once (statement-names.ts). A pool of one connection lets the test
// look at that connection's pg_prepared_statements, and break it the ways a pooler or a
// DBA's ALTER would: the app must answer the same rows every time.
describe('statements kept prepared per connection', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let pageText: string;

  const context = (db: TestDatabase) => ({
    profile: db.profile,
    statementTimeoutMs: 5_000,
    connectTimeoutMs: 5_000,
  });

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [
      online({ username: 'anna', start: '2026-11-21T08:00:00Z' }),
      online({ username: 'bruno', start: '2026-11-21T08:05:00Z' }),
      offline({ username: 'chen', start: '2026-11-21T07:00:00Z' }),
    ]);
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on('error', () => undefined);
    const db = createDbQueries(pool, context(database));
    const schema = await detectSchema(db, database.profile);
    const input = listInput({ status: 'online', pageSize: 100 });
    const page = sessionPageSql(
      schema,
      buildSessionSql(schema),
      { ...input, limit: input.pageSize + 1 },
      everything,
    );
    // The whole online list, the page every refresh reads: nothing left to send separately.
    expect(page.values).toEqual([]);
    pageText = page.text;
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const usernames = (rows: unknown[][]) => rows.map((row) => String(row[1])).sort();
  /** What this connection holds prepared, read outside the module (simple protocol, no name). */
  const prepared = async () =>
    (
      await pool.query<{ statement: string; generic_plans: string }>(
        'SELECT statement, generic_plans FROM pg_prepared_statements',
      )
    ).rows;
  // A new pool and DbQueries, as if the app reopened the database: no statement kept yet.
  const freshQueries = async (): Promise<DbQueries> => {
    await pool.end();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on('error', () => undefined);
    return createDbQueries(pool, context(database));
  };

  it('plans the online page once and reuses it, with the same rows each time', async () => {
    const db = await freshQueries();
    const first = await db.arrays(pageText, []);
    const second = await db.arrays(pageText, []);
    expect(usernames(first)).toEqual(['anna', 'bruno']);
    expect(usernames(second)).toEqual(usernames(first));
    const kept = (await prepared()).filter((row) => row.statement === pageText);
    expect(kept).toHaveLength(1);
    expect(Number(kept[0]?.generic_plans)).toBe(2);
  });

  it('leaves a statement with parameters unnamed', async () => {
    const db = await freshQueries();
    const rows = await db.arrays('SELECT username FROM radacct WHERE username = $1', ['anna']);
    expect(rows).toEqual([['anna']]);
    expect(await prepared()).toEqual([]);
  });

  it('sends the statement again unnamed when the server lost it (a pooler switched connections)', async () => {
    const db = await freshQueries();
    await db.arrays(pageText, []);
    // pg still believes the statement is parsed and sends only Bind: PostgreSQL answers 26000.
    await pool.query('DEALLOCATE ALL');
    expect(usernames(await db.arrays(pageText, []))).toEqual(['anna', 'bruno']);
    // From then on nothing is named on this database.
    await db.arrays('SELECT count(*) FROM radacct', []);
    expect(await prepared()).toEqual([]);
  });

  it('sends the statement again unnamed when the name is taken on the server (42P05)', async () => {
    const db = await freshQueries();
    const name = new StatementNames().nameFor(pageText, []);
    await pool.query(`PREPARE ${name} AS SELECT 1`);
    expect(usernames(await db.arrays(pageText, []))).toEqual(['anna', 'bruno']);
  });

  it('prepares again after a column changes type under a kept statement (0A000)', async () => {
    const db = await freshQueries();
    await pool.query('CREATE TABLE nas_note (note varchar(10))');
    await pool.query(`INSERT INTO nas_note VALUES ('core-1')`);
    const text = 'SELECT note FROM nas_note';
    expect(await db.arrays(text, [])).toEqual([['core-1']]);
    await pool.query('ALTER TABLE nas_note ALTER COLUMN note TYPE varchar(20)');
    expect(await db.arrays(text, [])).toEqual([['core-1']]);
    expect(await db.arrays(text, [])).toEqual([['core-1']]);
    // Kept again: pg-pool dropped the connection the failure came on, the next one prepares.
    const kept = (await prepared()).filter((row) => row.statement === text);
    expect(kept).toHaveLength(1);
  });

  it('passes any other error on unretried, and answers after it', async () => {
    const db = await freshQueries();
    // Not one of the codes that mean "the name is the problem": passed on as it came.
    await expect(db.arrays('SELECT * FROM no_such_table', [])).rejects.toMatchObject({
      code: '42P01',
    });
    expect(usernames(await db.arrays(pageText, []))).toEqual(['anna', 'bruno']);
  });
});
