import type pg from 'pg';
import type { SessionRow } from '@contract';
import type { OperatorScope } from '../operator-scope';
import { toOperatorError, type DbErrorContext } from './db-errors';
import type { DetectedSchema } from './detected-schema';
import { sessionPageSql, type SessionPageQuery } from './session-page-sql';
import { toSessionRow } from './session-row';
import type { SessionSql } from './session-sql';

/** Rows per FETCH: big enough that round trips cost little, small enough to hold at once. */
export const streamBatchRows = 2000;

/** Takes one batch; resolving says "ready for the next" (the file caught up). */
export type SessionBatchSink = (rows: SessionRow[]) => Promise<void>;

/**
 * Reads the sessions of a query through a server-side cursor, one batch at a time, so an
 * export of 100,000 rows never holds more than two batches: one FETCH is sent ahead while
 * the sink takes the last batch, and the one after waits until the sink has taken it. The
 * cursor reads one snapshot, so no row is written twice or skipped while FreeRADIUS writes.
 * Stops between batches once `signal` aborts.
 */
export async function streamSessions(
  pool: pg.Pool,
  context: DbErrorContext,
  schema: DetectedSchema,
  sql: SessionSql,
  query: SessionPageQuery,
  scope: OperatorScope,
  sink: SessionBatchSink,
  signal: AbortSignal,
): Promise<number> {
  const { text, values } = sessionPageSql(schema, sql, query, scope, true);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toOperatorError(error, context);
  }
  // Between FETCHes no query is active, so a dropped socket is reported on the client:
  // without a listener that error would end the process. The next FETCH fails and says so.
  const ignoreUntilNextQuery = () => undefined;
  client.on('error', ignoreUntilNextQuery);
  let rows = 0;
  try {
    await client.query('BEGIN READ ONLY');
    // Every row is read: plan for the whole result, as COPY would, not the default first
    // tenth a cursor is planned for (which picks fast-start plans that cost more in total).
    await client.query('SET LOCAL cursor_tuple_fraction = 1.0');
    await client.query({ text: `DECLARE session_export NO SCROLL CURSOR FOR ${text}`, values });
    const fetchBatch = () => {
      const fetching = client.query<unknown[]>({
        text: `FETCH ${streamBatchRows} FROM session_export`,
        rowMode: 'array',
      });
      // Awaited below, or dropped with the connection when the sink fails.
      fetching.catch(() => undefined);
      return fetching;
    };
    // One FETCH ahead: the server sends the next batch while the sink writes this one,
    // so at most two batches are held, whatever the row count.
    let next = signal.aborted ? null : fetchBatch();
    while (next) {
      const batch = await next;
      next = null;
      if (batch.rows.length === 0) break;
      const more = batch.rows.length === streamBatchRows;
      if (more && !signal.aborted) next = fetchBatch();
      rows += batch.rows.length;
      await sink(batch.rows.map(toSessionRow));
      if (signal.aborted && next) {
        await next;
        break;
      }
    }
    await client.query('COMMIT');
    client.off('error', ignoreUntilNextQuery);
    client.release();
    return rows;
  } catch (error) {
    // The connection may be half way through a FETCH: never hand it back to the pool.
    // The listener stays: the destroyed socket may still report its end.
    client.release(true);
    throw toOperatorError(error, context);
  }
}
