import type { SessionCursor, SessionFilter, SessionSort } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DetectedSchema } from './detected-schema';
import type { FullNameUsernames } from './full-name-usernames';
import { afterCursorSql, orderBySql } from './keyset-sql';
import { joinedConditions, sessionConditionParts, whereSql } from './session-filter-sql';
import type { SessionSql } from './session-sql';
import { integerSql, SqlParams } from './sql-params';

/** Which rows, in which order, from where, how many: a page of the table or an export. */
export interface SessionPageQuery {
  filter: SessionFilter;
  sort: SessionSort;
  cursor: SessionCursor | null;
  limit: number;
  /** A history search's full-name matches, read beforehand (full-name-usernames.ts). */
  namedUsernames?: FullNameUsernames | null;
  /** How a page of a search finds its rows; the planner's choice unless said. */
  route?: PageRoute;
}

/**
 * How a search page finds its rows, when the planner's own choice is a gamble. Over history
 * it picks between walking the start-time index newest first (right when matches are dense)
 * and reading every match through the trigram indexes then sorting (right when they are
 * few) from an estimate of how many match, and trigram estimates are guesses: at 10M rows
 * it walked 2 s for 'u1079' (1,134 matches) and read 67,000 matches for '100.64.1' (1 s).
 */
export type PageRoute =
  | { kind: 'planner' }
  /** The newest `window` sessions the rest of the filter selects, in order; the matches among them. */
  | { kind: 'walk'; window: number }
  /** Every match, then sorted: for matches too sparse among the newest to walk to. */
  | { kind: 'matchesFirst' };

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
  const { search, others } = sessionConditionParts(
    query.filter,
    scope,
    schema,
    sql,
    params,
    query.namedUsernames ?? null,
  );
  if (query.cursor) others.push(afterCursorSql(key, query.sort, query.cursor, params));
  const route = query.route ?? { kind: 'planner' };
  // Written in, not sent: the whole online list's page then has no parameter at all.
  const window = route.kind === 'walk' ? integerSql(route.window) : '';
  const limit = integerSql(query.limit);
  const where = whereSql(joinedConditions({ search, others }));
  const order = orderBySql(key, query.sort);
  // A LIMIT (or OFFSET 0) on a subquery keeps the outer conditions and order out of it: the
  // walk stops after `window` sessions, the matches are read whole before the sort.
  const sessions =
    route.kind === 'walk'
      ? `(SELECT r.* FROM ${sql.fromSessions} ${whereSql(others)} ${order}
          LIMIT ${window}) r ${whereSql(search === null ? [] : [search])}`
      : route.kind === 'matchesFirst'
        ? `(SELECT r.* FROM ${sql.fromSessions} ${where} OFFSET 0) r`
        : `${sql.fromSessions} ${where}`;
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
           SELECT r.*${count} FROM ${sessions} ${order} LIMIT ${limit})
         SELECT ${sql.selectRow}${keyColumn}${withCount ? ', r.matched, r.read_at' : ''}
         FROM r ${sql.nameJoins} ${order}`;
  return { text, values: params.values };
}
