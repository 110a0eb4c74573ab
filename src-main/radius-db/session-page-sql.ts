import type { SessionCursor, SessionFilter, SessionSort } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DetectedSchema } from './detected-schema';
import type { FullNameUsernames } from './full-name-usernames';
import { afterCursorSql, orderBySql } from './keyset-sql';
import { sessionConditions, whereSql } from './session-filter-sql';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/** Which rows, in which order, from where, how many: a page of the table or an export. */
export interface SessionPageQuery {
  filter: SessionFilter;
  sort: SessionSort;
  cursor: SessionCursor | null;
  limit: number;
  /** A history search's full-name matches, read beforehand (full-name-usernames.ts). */
  namedUsernames?: FullNameUsernames | null;
}

/**
 * The SessionRow fields (then the sort key as text, for the next cursor) of the sessions
 * a query takes under the operator's scope: the SQL the table and the export share.
 * `wholeResult` (the export) joins the names as sets rather than row by row: same rows,
 * same names, same order, a plan for reading everything rather than one page.
 */
export function sessionPageSql(
  schema: DetectedSchema,
  sql: SessionSql,
  query: SessionPageQuery,
  scope: OperatorScope,
  wholeResult = false,
  /**
   * Add how many sessions match the filter and when it was read as the last columns (a window count over every
   * match, taken before the LIMIT): one scan serves the page and its count. Only for a
   * first page (a cursor would leave earlier matches out) of a small result, where the
   * matches are read whole anyway: an online search.
   */
  withCount = false,
): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const key = sql.sortKeys[query.sort.column];
  const conditions = sessionConditions(
    query.filter,
    scope,
    schema,
    sql,
    params,
    query.namedUsernames ?? null,
  );
  if (query.cursor) conditions.push(afterCursorSql(key, query.sort, query.cursor, params));
  const limit = params.add(query.limit, 'integer');
  const where = whereSql(conditions);
  const order = orderBySql(key, query.sort);
  // When the order needs no names, pick the rows from radacct first and join names to
  // those rows only: the online set can be 150k sessions, a page is at most 1001.
  // The export reads no next cursor, so it needs no sort key column either.
  // The page also carries each row's stale flag (after the key), for the table's badge.
  const keyColumn = wholeResult
    ? ''
    : `, (${key.sql})::text, (r.acctstoptime IS NULL AND ${sql.stale.isStale('statement_timestamp()')})`;
  const count = withCount ? ', count(*) OVER () AS matched, statement_timestamp() AS read_at' : '';
  const text = key.needsNames
    ? `SELECT ${sql.selectRow}${keyColumn}${count}
       FROM ${wholeResult ? sql.fromWithBulkNames : sql.fromWithNames} ${where} ${order} LIMIT ${limit}`
    : wholeResult
      ? `SELECT ${sql.selectRow}
         FROM (SELECT r.* FROM ${sql.fromSessions} ${where} ${order} LIMIT ${limit}) r
         ${sql.bulkNameJoins} ${order}`
      : `WITH r AS MATERIALIZED (
           SELECT r.*${count} FROM ${sql.fromSessions} ${where} ${order} LIMIT ${limit})
         SELECT ${sql.selectRow}${keyColumn}${withCount ? ', r.matched, r.read_at' : ''}
         FROM r ${sql.nameJoins} ${order}`;
  return { text, values: params.values };
}
