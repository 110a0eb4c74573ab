import { maxPageSize, type MatchCount, type SessionListInput, type SessionPage } from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { sessionConditions, whereSql } from './session-filter-sql';
import { sessionPageSql } from './session-page-sql';
import { toSessionRow } from './session-row';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/** History is counted up to this many rows and shown as "10,000+" beyond. */
export const historyCountBound = 10_000;

/** One keyset page of sessions plus how many match, under the operator's scope. */
export async function listSessions(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
): Promise<SessionPage> {
  if (!Number.isInteger(input.pageSize) || input.pageSize < 1 || input.pageSize > maxPageSize) {
    throw new OperatorError(
      'INVALID_INPUT',
      `Page size must be between 1 and ${maxPageSize} rows.`,
    );
  }
  const [page, matches] = await Promise.all([
    readPage(db, schema, sql, input, scope),
    countMatches(db, schema, sql, input, scope),
  ]);
  return { ...page, matches: matches.matches, readAt: matches.readAt };
}

async function readPage(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
): Promise<Pick<SessionPage, 'rows' | 'nextCursor' | 'stale'>> {
  // One row more than the page tells whether another page exists, without counting.
  const { text, values } = sessionPageSql(
    schema,
    sql,
    { filter: input.filter, sort: input.sort, cursor: input.cursor, limit: input.pageSize + 1 },
    scope,
  );
  const raw = await db.arrays(text, values);
  const pageRows = raw.slice(0, input.pageSize);
  const last = pageRows.at(-1);
  const nextCursor =
    raw.length > input.pageSize && last
      ? { value: (last[16] as string | null) ?? null, id: String(last[0]) }
      : null;
  const stale = pageRows.filter((row) => row[17] === true).map((row) => String(row[0]));
  return { rows: pageRows.map(toSessionRow), nextCursor, stale };
}

/**
 * Online: the exact count (the online set is small and indexed). History: counted only up to
 * the bound, because an exact COUNT(*) over 10^8 rows takes seconds on every refresh.
 */
async function countMatches(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
): Promise<{ matches: MatchCount; readAt: string }> {
  const params = new SqlParams();
  const where = whereSql(sessionConditions(input.filter, scope, schema, sql, params));
  const exact = input.filter.status === 'online' || input.filter.status === 'stale';
  const text = exact
    ? `SELECT count(*), statement_timestamp() FROM ${sql.fromSessions} ${where}`
    : `SELECT count(*), statement_timestamp() FROM (
         SELECT 1 FROM ${sql.fromSessions} ${where}
         LIMIT ${params.add(historyCountBound + 1, 'integer')}) bounded`;
  const [row] = await db.arrays(text, params.values);
  if (!row) throw new Error('A count query returned no row.');
  const count = Number(row[0]);
  const readAt = isoTime(String(row[1])) ?? '';
  const matches: MatchCount =
    !exact && count > historyCountBound
      ? { kind: 'atLeast', count: historyCountBound }
      : { kind: 'exact', count };
  return { matches, readAt };
}
