import type { SessionFilter } from '@contract';
import type { DbQueries } from './db-queries';
import { searchedText, substringPattern } from './search-pattern';
import { classifySearch } from './search-shape';
import type { SessionSql } from './session-sql';

/**
 * The usernames of the subscribers whose full name holds the search text, read before a
 * history search so its statements carry them as a list. Inside the statement (a subquery)
 * the planner guesses a handful of names: for a common name (735 "Sara Karimi" at 200k
 * subscribers, 35,000 history sessions) it then reads every matching session to sort out
 * the newest 100 (540 ms at 10M rows; "Sara", 12,000 names, runs into the statement
 * timeout); with the list in hand it walks the start-time index and stops at the page
 * (68 ms; "Sara" 385 ms). The online set is small enough for either form.
 */
export type FullNameUsernames = readonly string[];

/**
 * More names than this stay a subquery, so a statement never carries megabytes of names.
 * Measured at 10M rows: 35,000 names ("ari") still answer in 400 ms, where the subquery
 * form runs into the statement timeout.
 */
export const fullNameListCap = 100_000;

/** The list for the filter, or null when the search is not a name or is not over history. */
export async function fullNameUsernames(
  db: DbQueries,
  sql: SessionSql,
  filter: SessionFilter,
  cap = fullNameListCap,
): Promise<FullNameUsernames | null> {
  if (!sql.search.fullNames || filter.status === 'online' || filter.status === 'stale') {
    return null;
  }
  const text = searchedText(filter.search, filter.status);
  if (text === null || classifySearch(text).kind !== 'text') return null;
  const rows = await db.arrays(
    `SELECT DISTINCT x.username::text FROM subscribers x
     WHERE x.full_name ILIKE $1::text AND x.username IS NOT NULL LIMIT $2::integer`,
    [substringPattern(text), cap + 1],
  );
  if (rows.length > cap) return null;
  return rows.map((row) => String(row[0]));
}
