import {
  maxPageSize,
  sessionRowLength,
  type MatchCount,
  type SessionListInput,
  type SessionPage,
} from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { fullNameUsernames, type FullNameUsernames } from './full-name-usernames';
import { isoTime } from './iso-time';
import { sessionConditions, whereSql } from './session-filter-sql';
import { historyWalkWindow, isHistorySearch, walkAnswered } from './history-search-route';
import { sessionPageSql, type PageRoute } from './session-page-sql';
import { toSessionRow } from './session-row';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/** History is counted up to this many rows and shown as "10,000+" beyond. */
export const historyCountBound = 10_000;

/**
 * A history search is counted to a lower bound ("1,000+"). Its matches are scattered over
 * the whole table, and each one counted is a heap page read and rechecked: at 10M rows,
 * counting 10,001 matches of "100.64.1" took 250 ms beyond the index scan, more than the
 * page of the newest 100 (90 ms). An operator who sees "1,000+" narrows the search either way.
 */
export const historySearchCountBound = 1_000;

/** The online sessions the scope sees in total, and when that was read (the stat row's read). */
export type OnlineTotal = (scope: OperatorScope) => Promise<{ online: number; readAt: string }>;

/**
 * One keyset page of sessions plus how many match, under the operator's scope, in as few
 * statements as the view allows: the whole online list takes its count from the stat row's
 * read (`onlineTotal`, shared with the stat row of the same refresh), and the first page of
 * an online search counts its matches in the page's own scan.
 */
export async function listSessions(
  queries: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
  onlineTotal?: OnlineTotal,
): Promise<SessionPage> {
  if (!Number.isInteger(input.pageSize) || input.pageSize < 1 || input.pageSize > maxPageSize) {
    throw new OperatorError(
      'INVALID_INPUT',
      `Page size must be between 1 and ${maxPageSize} rows.`,
    );
  }
  // A history search can take three statements one after another (names, page beside
  // count, then the matches read whole): together they get the one timeout the operator set.
  const db = queries.sharingTimeout();
  if (input.filter.status === 'online' && input.cursor === null && input.filter.search.trim()) {
    return pageWithCount(db, schema, sql, input, scope);
  }
  const named = await fullNameUsernames(db, sql, input.filter);
  const counting =
    onlineTotal && isWholeOnlineList(input.filter)
      ? onlineTotal(scope).then(({ online, readAt }) => ({
          matches: { kind: 'exact', count: online } as MatchCount,
          readAt,
        }))
      : countMatches(db, schema, sql, input, scope, named);
  const walks = isHistorySearch(input) && sql.sortKeys[input.sort.column].indexOrdered;
  const route: PageRoute = walks
    ? { kind: 'walk', window: historyWalkWindow }
    : { kind: 'planner' };
  const [first, matches] = await Promise.all([
    readPage(db, schema, sql, input, scope, { namedUsernames: named, route }),
    counting,
  ]);
  const page =
    !walks || walkAnswered(first, input, matches.matches)
      ? first
      : await readPage(db, schema, sql, input, scope, {
          namedUsernames: named,
          // Fewer than one in 400 of the newest sessions match: read the matches through
          // the indexes and sort them. Left to the planner, a count past the bound made it
          // walk the start-time index for 1,134 matches of 'u1079' (2.4 s on a partitioned
          // radacct at 10M rows).
          route: { kind: 'matchesFirst' },
        });
  // The raw rows stay here: the page carries the rows once.
  const { rows, nextCursor, stale } = page;
  return { rows, nextCursor, stale, matches: matches.matches, readAt: matches.readAt };
}

/** Every online session (no search, no NAS, nothing else a later filter adds). */
function isWholeOnlineList(filter: SessionListInput['filter']): boolean {
  return Object.entries(filter).every(([name, value]) => {
    if (name === 'status') return value === 'online';
    if (name === 'search') return typeof value === 'string' && value.trim() === '';
    return value === null || value === undefined || (value as unknown) === false;
  });
}

async function readPage(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
  how: { withCount?: boolean; namedUsernames?: FullNameUsernames | null; route?: PageRoute } = {},
): Promise<Pick<SessionPage, 'rows' | 'nextCursor' | 'stale'> & { raw: unknown[][] }> {
  // One row more than the page tells whether another page exists, without counting.
  const { text, values } = sessionPageSql(
    schema,
    sql,
    {
      filter: input.filter,
      sort: input.sort,
      cursor: input.cursor,
      limit: input.pageSize + 1,
      namedUsernames: how.namedUsernames ?? null,
      route: how.route,
    },
    scope,
    false,
    how.withCount ?? false,
  );
  const raw = await db.arrays(text, values);
  const pageRows = raw.slice(0, input.pageSize);
  const last = pageRows.at(-1);
  const nextCursor =
    raw.length > input.pageSize && last
      ? { value: (last[sessionRowLength] as string | null) ?? null, id: String(last[0]) }
      : null;
  // After the row's fields (sessionPageSql): the sort key, the stale flag, then (counted
  // pages) the count and the time.
  const stale = pageRows
    .filter((row) => row[sessionRowLength + 1] === true)
    .map((row) => String(row[0]));
  return { rows: pageRows.map(toSessionRow), nextCursor, stale, raw };
}

/** The first page of an online search and its exact count, from one scan of the matches. */
async function pageWithCount(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
): Promise<SessionPage> {
  const { rows, nextCursor, stale, raw } = await readPage(db, schema, sql, input, scope, {
    withCount: true,
  });
  // No match: no row carried the time; the clock alone costs a round trip, no reading.
  const first = raw[0] ?? (await db.arrays('SELECT 0, statement_timestamp()', []))[0];
  const [count, readAt] = raw[0]
    ? [first?.[sessionRowLength + 2], first?.[sessionRowLength + 3]]
    : [0, first?.[1]];
  return {
    rows,
    nextCursor,
    stale,
    matches: { kind: 'exact', count: Number(count) },
    readAt: isoTime(String(readAt)) ?? '',
  };
}

/**
 * Online: the exact count (the online set is small and indexed). History: counted only up to
 * a bound, because an exact COUNT(*) over 10^8 rows takes seconds on every refresh.
 */
async function countMatches(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: SessionListInput,
  scope: OperatorScope,
  namedUsernames: FullNameUsernames | null,
): Promise<{ matches: MatchCount; readAt: string }> {
  const params = new SqlParams();
  const where = whereSql(
    sessionConditions(input.filter, scope, schema, sql, params, namedUsernames),
  );
  const exact = input.filter.status === 'online' || input.filter.status === 'stale';
  const bound = input.filter.search.trim() ? historySearchCountBound : historyCountBound;
  const text = exact
    ? `SELECT count(*), statement_timestamp() FROM ${sql.fromSessions} ${where}`
    : `SELECT count(*), statement_timestamp() FROM (
         SELECT 1 FROM ${sql.fromSessions} ${where}
         LIMIT ${params.add(bound + 1, 'integer')}) bounded`;
  const [row] = await db.arrays(text, params.values);
  if (!row) throw new Error('A count query returned no row.');
  const count = Number(row[0]);
  const readAt = isoTime(String(row[1])) ?? '';
  const matches: MatchCount =
    !exact && count > bound ? { kind: 'atLeast', count: bound } : { kind: 'exact', count };
  return { matches, readAt };
}
