import {
  sessionRowLength,
  subscriberHistoryLength,
  type OnlineSession,
  type SessionRow,
} from '@contract';
import type { OperatorScope } from '../operator-scope';
import { timeSql } from './column-sql';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { scopeSql } from './scope-sql';
import { whereSql } from './session-filter-sql';
import { toSessionRow } from './session-row';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/** The user's sessions under the scope (defence in depth: the caller checked it already). */
function userConditions(
  username: string,
  scope: OperatorScope,
  schema: DetectedSchema,
  params: SqlParams,
): string[] {
  const conditions = [`r.username = ${params.add(username, 'text')}`];
  const scoped = scopeSql(scope, schema, params);
  if (scoped !== null) conditions.push(scoped);
  return conditions;
}

/** Open sessions with the online-sessions query's fields, each flagged by the stale rule. */
export async function readOnlineSessions(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  username: string,
  scope: OperatorScope,
): Promise<OnlineSession[]> {
  const columns = schema.radacct;
  const text = (name: string): string => (columns.has(name) ? `r.${name}::text` : 'NULL::text');
  const time = (name: string): string =>
    columns.has(name) ? timeSql(`r.${name}`, columns.get(name), schema.serverTimeZone) : 'NULL';
  const params = new SqlParams();
  const where = whereSql([
    'r.acctstoptime IS NULL',
    ...userConditions(username, scope, schema, params),
  ]);
  const rows = await db.arrays(
    `SELECT ${sql.selectRow}, ${text('nasportid')}, ${text('nasporttype')},
            ${text('connectinfo_start')}, ${sql.stale.lastHeard},
            ${sql.stale.isStale('statement_timestamp()')}
     FROM ${sql.fromWithNames} ${where}
     ORDER BY ${time('acctstarttime')} DESC NULLS LAST, r.radacctid DESC`,
    params.values,
  );
  return rows.map((raw) => ({
    session: toSessionRow(raw),
    nasPortId: nullableText(raw[sessionRowLength]),
    nasPortType: nullableText(raw[sessionRowLength + 1]),
    connectInfoStart: nullableText(raw[sessionRowLength + 2]),
    lastHeardAt: isoTime(nullableText(raw[sessionRowLength + 3])),
    stale: raw[sessionRowLength + 4] === true,
  }));
}

/**
 * The last sessions, newest first. Stock radacct has no index on username alone: this walks
 * (acctstarttime, username) backwards and stops at the 50th match, so a busy history is
 * cheap, and the statement timeout bounds a username with almost no sessions.
 */
export async function readHistory(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  username: string,
  scope: OperatorScope,
): Promise<SessionRow[]> {
  const params = new SqlParams();
  const where = whereSql(userConditions(username, scope, schema, params));
  const start = sql.sortKeys.startTime.sql;
  const limit = params.add(subscriberHistoryLength, 'integer');
  const rows = await db.arrays(
    `WITH r AS MATERIALIZED (SELECT r.* FROM ${sql.fromSessions} ${where}
           ORDER BY ${start} DESC, r.radacctid DESC LIMIT ${limit})
     SELECT ${sql.selectRow}
     FROM r ${sql.nameJoins}
     ORDER BY ${start} DESC, r.radacctid DESC`,
    params.values,
  );
  return rows.map(toSessionRow);
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
