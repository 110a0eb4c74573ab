import type { SessionFilter } from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { sessionConditions, whereSql } from './session-filter-sql';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/**
 * How many sessions a filter matches under the scope, for "Export all": counted up to
 * `bound`, and exactly only past it, when the operator is told to query the database
 * directly. An exact count of a long history may run into the statement timeout: then the
 * answer is "more than bound", which is all the refusal needs.
 */
export async function countMatching(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  filter: SessionFilter,
  scope: OperatorScope,
  bound: number,
): Promise<{ count: number; exact: boolean }> {
  const bounded = new SqlParams();
  const where = whereSql(sessionConditions(filter, scope, schema, sql, bounded));
  const limit = bounded.add(bound + 1, 'integer');
  const [row] = await db.arrays(
    `SELECT count(*) FROM (SELECT 1 FROM ${sql.fromSessions} ${where} LIMIT ${limit}) bounded`,
    bounded.values,
  );
  const count = Number(row?.[0] ?? 0);
  if (count <= bound) return { count, exact: true };
  const params = new SqlParams();
  const whereAll = whereSql(sessionConditions(filter, scope, schema, sql, params));
  try {
    const [all] = await db.arrays(
      `SELECT count(*) FROM ${sql.fromSessions} ${whereAll}`,
      params.values,
    );
    return { count: Number(all?.[0] ?? count), exact: true };
  } catch (error) {
    if (error instanceof OperatorError && error.code === 'TIMEOUT') return { count, exact: false };
    throw error;
  }
}
