import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { OperatorScope } from '../operator-scope';
import { csvLinesSql, inlineParameters } from './csv-lines-sql';
import { toOperatorError, type DbErrorContext } from './db-errors';
import type { DetectedSchema } from './detected-schema';
import { sessionPageSql, type SessionPageQuery } from './session-page-sql';
import type { SessionSql } from './session-sql';

/** Takes the CSV lines of some sessions; resolving says "ready for more" (the file caught up). */
export type CsvLinesSink = (lines: Buffer, rows: number) => Promise<void>;

/**
 * One COPY may run this long: it reads the whole export in one statement, where the cursor
 * it replaces ran each batch under the profile's statement timeout.
 */
export const exportStatementTimeoutMs = 120_000;

/**
 * Streams a query's sessions as sessions-CSV lines written by PostgreSQL (`COPY … TO STDOUT`,
 * binary framing around one text column holding each whole line), so the export runs at the
 * speed of the database. One statement reads one snapshot. Only the chunk in hand is held:
 * the next is read once the sink has taken this one. Stops once `signal` aborts.
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
  const lines = csvLinesSql(inlineParameters(text, values), exportedAt);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toOperatorError(error, context);
  }
  const ignoreUntilNextQuery = () => undefined;
  client.on('error', ignoreUntilNextQuery);
  const frames = new CopyFrames();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${exportStatementTimeoutMs}`);
    const copy = copyTo(`COPY (${lines}) TO STDOUT WITH (FORMAT binary)`);
    // node-pg's own read timeout would end the COPY at the profile's statement timeout.
    Object.assign(copy, { query_timeout: exportStatementTimeoutMs + 5000 });
    const stream = client.query(copy);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal.aborted) {
        stream.destroy();
        break;
      }
      const taken = frames.push(chunk);
      if (taken.rows > 0) await sink(taken.lines, taken.rows);
    }
    if (signal.aborted) {
      // The COPY may be half sent: the connection is dropped, not reused.
      client.release(true);
      return frames.rows;
    }
    await client.query('COMMIT');
    client.off('error', ignoreUntilNextQuery);
    client.release();
    return frames.rows;
  } catch (error) {
    client.release(true);
    throw toOperatorError(error, context);
  }
}

const signatureLength = 11;

/**
 * PostgreSQL's binary COPY framing, taken off chunk by chunk: a header, then per row a field
 * count (1 here, -1 at the end) and the field's length and bytes. What remains of a row cut
 * by a chunk's end waits for the next chunk.
 */
class CopyFrames {
  rows = 0;
  #rest: Buffer = Buffer.alloc(0);
  #headerRead = false;

  push(chunk: Buffer): { lines: Buffer; rows: number } {
    let buffer = this.#rest.length > 0 ? Buffer.concat([this.#rest, chunk]) : chunk;
    let at = 0;
    if (!this.#headerRead) {
      // Signature, flags, header extension length, then the extension itself.
      if (buffer.length < signatureLength + 8) {
        this.#rest = buffer;
        return { lines: Buffer.alloc(0), rows: 0 };
      }
      const extension = buffer.readUInt32BE(signatureLength + 4);
      at = signatureLength + 8 + extension;
      this.#headerRead = true;
    }
    const lines: Buffer[] = [];
    let rows = 0;
    while (buffer.length - at >= 2) {
      const fields = buffer.readInt16BE(at);
      if (fields === -1) {
        at = buffer.length;
        break;
      }
      if (buffer.length - at < 6) break;
      const length = buffer.readInt32BE(at + 2);
      if (buffer.length - at - 6 < length) break;
      lines.push(buffer.subarray(at + 6, at + 6 + length));
      at += 6 + length;
      rows += 1;
    }
    buffer = buffer.subarray(at);
    // A copy: the rest must not pin the whole chunk it was cut from.
    this.#rest = Buffer.from(buffer);
    this.rows += rows;
    return { lines: Buffer.concat(lines), rows };
  }
}
