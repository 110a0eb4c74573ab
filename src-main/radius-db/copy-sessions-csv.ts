import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { OperatorScope } from '../operator-scope';
import { toOperatorError, type DbErrorContext } from './db-errors';
import type { DetectedSchema } from './detected-schema';
import { inlineParameters } from './inline-parameters';
import { sessionPageSql, type SessionPageQuery } from './session-page-sql';
import type { SessionSql } from './session-sql';
import { SessionsCsvLines } from './sessions-csv-lines';

/** Takes the CSV lines of some sessions; resolving says "ready for more" (the file caught up). */
export type CsvLinesSink = (lines: Buffer, rows: number) => Promise<void>;

/**
 * One COPY may run this long: it reads the whole export in one statement, where the cursor
 * it replaces ran each batch under the profile's statement timeout.
 */
export const exportStatementTimeoutMs = 120_000;

/**
 * Streams a query's sessions as sessions-CSV lines: PostgreSQL prints the rows (`COPY … TO
 * STDOUT WITH (FORMAT csv)`) and sessions-csv-lines.ts mends them into the sessions CSV as
 * they arrive, so the export runs at the speed of the database. One statement reads one
 * snapshot. Only the chunk in hand is held: the next is read once the sink has taken this
 * one. Stops once `signal` aborts.
 */
export async function copySessionsCsv(
  pool: pg.Pool,
  context: DbErrorContext,
  schema: DetectedSchema,
  sql: SessionSql,
  query: SessionPageQuery,
  scope: OperatorScope,
  exportedAt: string,
  sink: CsvLinesSink,
  signal: AbortSignal,
): Promise<number> {
  const { text, values } = sessionPageSql(schema, sql, query, scope, true);
  const rows = inlineParameters(text, values);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toOperatorError(error, context);
  }
  const ignoreUntilNextQuery = () => undefined;
  client.on('error', ignoreUntilNextQuery);
  const lines = new SessionsCsvLines(exportedAt);
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${exportStatementTimeoutMs}`);
    const copy = copyTo(`COPY (${rows}) TO STDOUT WITH (FORMAT csv)`);
    // node-pg's own read timeout would end the COPY at the profile's statement timeout.
    Object.assign(copy, { query_timeout: exportStatementTimeoutMs + 5000 });
    const stream = client.query(copy);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal.aborted) {
        stream.destroy();
        break;
      }
      const taken = lines.convert(chunk);
      await sink(taken.text, taken.lines);
    }
    if (signal.aborted) {
      // The COPY may be half sent: the connection is dropped, not reused.
      client.release(true);
      return lines.lines;
    }
    await client.query('COMMIT');
    client.off('error', ignoreUntilNextQuery);
    client.release();
    return lines.lines;
  } catch (error) {
    client.release(true);
    throw toOperatorError(error, context);
  }
}
