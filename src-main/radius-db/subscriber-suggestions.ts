import { subscriberSuggestionLimit, type SubscriberSuggestion } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { resellerTreeSql, scopeSql } from './scope-sql';
import { SqlParams } from './sql-params';

/** How far back the stock schema looks for usernames: radacct's (acctstarttime, username) index. */
export const suggestionLookbackDays = 7;

/** `text` as a case-insensitive ILIKE pattern in which %, _ and \ match themselves. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (special) => `\\${special}`);
}

/**
 * "Find subscriber" as the operator types: usernames (and panel full names) containing
 * the text, whatever its case, those starting with it first; at most a handful, under the
 * operator's scope. Bounded whatever the database's size: with the panel tables, one pass
 * over subscribers (one row per subscriber, not per session); on the stock schema, the
 * online set (its partial index) and the last week's starts (the (acctstarttime, username)
 * index), never the whole history.
 */
export async function subscriberSuggestions(
  db: DbQueries,
  schema: DetectedSchema,
  typed: string,
  scope: OperatorScope,
): Promise<SubscriberSuggestion[]> {
  const text = typed.trim();
  if (text === '') return [];
  if (scope.kind === 'none') return [];
  const params = new SqlParams();
  const contains = params.add(`%${literal(text)}%`, 'text');
  const limit = params.add(subscriberSuggestionLimit, 'integer');

  if (schema.summary.panelTables) {
    const starts = params.add(`${literal(text)}%`, 'text');
    const conditions = [
      `(sub.username::text ILIKE ${contains} OR sub.full_name::text ILIKE ${contains})`,
    ];
    if (scope.kind === 'reseller') {
      conditions.push(
        `sub.reseller_id IN (${resellerTreeSql(params.add(scope.resellerId, 'bigint'))})`,
      );
    }
    const rows = await db.objects<{ username: string; full_name: string | null }>(
      `SELECT sub.username::text AS username, min(sub.full_name::text) AS full_name
       FROM subscribers sub
       WHERE ${conditions.join(' AND ')}
       GROUP BY sub.username::text
       ORDER BY bool_or(sub.username::text ILIKE ${starts}) DESC, lower(sub.username::text)
       LIMIT ${limit}`,
      params.values,
    );
    return rank(
      rows.map((row) => ({ username: row.username, fullName: row.full_name })),
      text,
    );
  }

  const scoped = scopeSql(scope, schema, params);
  const extra = scoped === null ? '' : ` AND ${scoped}`;
  const rows = await db.objects<{ username: string }>(
    `SELECT DISTINCT username FROM (
       (SELECT r.username::text AS username FROM radacct r
        WHERE r.acctstoptime IS NULL AND r.username::text ILIKE ${contains}${extra} LIMIT 200)
       UNION
       (SELECT r.username::text FROM radacct r
        WHERE r.acctstarttime > statement_timestamp() - interval '${suggestionLookbackDays} days'
          AND r.username::text ILIKE ${contains}${extra} LIMIT 200)
     ) found LIMIT ${limit} * 20`,
    params.values,
  );
  return rank(
    rows.map((row) => ({ username: row.username, fullName: null })),
    text,
  );
}

/** Those starting with the text first, then by name; at most the limit. */
function rank(found: SubscriberSuggestion[], text: string): SubscriberSuggestion[] {
  const lower = text.toLowerCase();
  const starts = (suggestion: SubscriberSuggestion): number =>
    suggestion.username.toLowerCase().startsWith(lower) ? 0 : 1;
  return [...found]
    .sort((a, b) => starts(a) - starts(b) || a.username.localeCompare(b.username, 'en'))
    .slice(0, subscriberSuggestionLimit);
}
