import { isIP } from 'node:net';
import type { SessionFilter } from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DetectedSchema } from './detected-schema';
import type { FullNameUsernames } from './full-name-usernames';
import { radacctTime } from './health/radacct-times';
import { ipv6SearchSql } from './ipv6-search';
import { scopeSql } from './scope-sql';
import { searchedText } from './search-pattern';
import { classifySearch } from './search-shape';
import { searchSql } from './search-sql';
import type { SessionSql } from './session-sql';
import type { SqlParams } from './sql-params';

/** The WHERE conditions of a session filter under an operator scope (ANDed by the caller). */
export function sessionConditions(...args: Parameters<typeof sessionConditionParts>): string[] {
  return joinedConditions(sessionConditionParts(...args));
}

/** The parts of sessionConditionParts as one list again. */
export function joinedConditions(parts: { search: string | null; others: string[] }): string[] {
  return parts.search === null ? parts.others : [parts.search, ...parts.others];
}

/**
 * The same conditions with the search apart from the rest, for a page that walks the
 * sessions the rest selects and keeps those the search matches (list-sessions.ts).
 */
export function sessionConditionParts(
  filter: SessionFilter,
  scope: OperatorScope,
  schema: DetectedSchema,
  sql: SessionSql,
  params: SqlParams,
  namedUsernames: FullNameUsernames | null = null,
): { search: string | null; others: string[] } {
  const conditions: string[] = [];
  // Literal, never a parameter: only then can the planner use the partial indexes
  // FreeRADIUS keeps on the online set.
  if (filter.status === 'online') conditions.push('r.acctstoptime IS NULL');
  if (filter.status === 'offline') conditions.push('r.acctstoptime IS NOT NULL');
  if (filter.status === 'stale') {
    conditions.push('r.acctstoptime IS NULL', sql.stale.isStale('statement_timestamp()'));
  }

  let search: string | null = null;
  const searched = searchedText(filter.search, filter.status);
  if (searched !== null) {
    const text = searchSql(classifySearch(searched), sql.search, params, namedUsernames);
    // A session's IPv6 answers too (ipv6-search.ts): the prefix holding an address typed.
    const ipv6 = ipv6SearchSql(searched, schema, params);
    search = ipv6 === null ? text : `(${text} OR ${ipv6})`;
  }

  if (filter.nasIp !== null && filter.nasIp.trim() !== '') {
    conditions.push(`r.nasipaddress = ${params.add(nasAddress(filter.nasIp), sql.nasIpType)}`);
  }

  if (filter.ended) {
    const from = params.add(filter.ended.from, 'timestamptz');
    const to = params.add(filter.ended.to, 'timestamptz');
    const stop = radacctTime(schema, 'acctstoptime');
    // A session that ended by `to` started by then: the start-time index walk begins there.
    conditions.push(
      stop.compare('>=', from),
      stop.compare('<=', to),
      radacctTime(schema, 'acctstarttime').compare('<=', to),
    );
  }

  const scoped = scopeSql(scope, schema, params);
  if (scoped !== null) conditions.push(scoped);
  return { search, others: conditions };
}

export function whereSql(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

function nasAddress(nasIp: string): string {
  const address = nasIp.trim();
  if (isIP(address) === 0) {
    throw new OperatorError(
      'INVALID_INPUT',
      `NAS address "${address}" is not an IP address. Pick the NAS from the list.`,
    );
  }
  return address;
}
