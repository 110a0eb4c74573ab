import type { SessionCursor, SessionFilter, SessionSort } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DetectedSchema } from './detected-schema';
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
}

/**
 * The SessionRow fields (then the sort key as text, for the next cursor) of the sessions
 * a query takes under the operator's scope: the SQL the table and the export share.
 */
export function sessionPageSql(
  schema: DetectedSchema,
  sql: SessionSql,
  query: SessionPageQuery,
  scope: OperatorScope,
): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const key = sql.sortKeys[query.sort.column];
  const conditions = sessionConditions(query.filter, scope, schema, sql, params);
  if (query.cursor) conditions.push(afterCursorSql(key, query.sort, query.cursor, params));
  const limit = params.add(query.limit, 'integer');
  const where = whereSql(conditions);
  const order = orderBySql(key, query.sort);
  // When the order needs no names, pick the rows from radacct first and join names to
  // those rows only: the online set can be 150k sessions, a page is at most 1001.
  const text = key.needsNames
    ? `SELECT ${sql.selectRow}, (${key.sql})::text
       FROM ${sql.fromWithNames} ${where} ${order} LIMIT ${limit}`
    : `SELECT ${sql.selectRow}, (${key.sql})::text
       FROM (SELECT r.* FROM ${sql.fromSessions} ${where} ${order} LIMIT ${limit}) r
       ${sql.nameJoins} ${order}`;
  return { text, values: params.values };
}
