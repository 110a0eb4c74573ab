/** Runs one parameterised statement and returns its rows (e.g. a pg pool's query). */
export type RadacctQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** Anything with pg's `query(sql, params)`: a Pool, a Client. */
export interface RadacctQueryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

const stopRecordedSql =
  'SELECT acctstoptime IS NOT NULL AS stopped FROM radacct WHERE radacctid = $1';

/**
 * Reads whether the session's Accounting-Stop has landed in radacct, for `watchForStop`.
 * A row that is gone counts as stopped: only closed sessions are archived out of radacct.
 */
export function stopRecordedFor(
  database: RadacctQuery | RadacctQueryable,
  radacctId: string,
): () => Promise<boolean> {
  const query: RadacctQuery =
    typeof database === 'function'
      ? database
      : (sql, params) => database.query(sql, params).then((result) => result.rows);
  return async () => {
    const [row] = await query(stopRecordedSql, [radacctId]);
    return row === undefined || (row as { stopped: unknown }).stopped === true;
  };
}
