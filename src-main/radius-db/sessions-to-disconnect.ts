import type { BulkSelection } from '@contract';
import type { DisconnectTarget } from '../nas/disconnect';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { scopeSql } from './scope-sql';
import { sessionConditions, whereSql } from './session-filter-sql';
import type { SessionSql } from './session-sql';
import { isoTime } from './iso-time';
import { SqlParams } from './sql-params';

/** One session as a disconnect needs it, and whether radacct already has its stop. */
export interface SessionToDisconnect extends DisconnectTarget {
  stopped: boolean;
}

interface TargetRow {
  radacct_id: string;
  username: string;
  nas_ip: string;
  framed_ip: string | null;
  framed_ipv6_prefix: string | null;
  mac: string | null;
  acct_session_id: string | null;
  nas_name: string | null;
  stopped: boolean;
}

function targetColumns(sql: SessionSql): string {
  return `r.radacctid::text AS radacct_id, coalesce(r.username::text, '') AS username,
          ${sql.nasIpText} AS nas_ip, ${sql.framedIpText} AS framed_ip,
          ${sql.framedIpv6PrefixText} AS framed_ipv6_prefix,
          r.callingstationid::text AS mac, r.acctsessionid::text AS acct_session_id,
          ${sql.nasDirectory ? 'nd.name' : 'NULL::text'} AS nas_name,
          r.acctstoptime IS NOT NULL AS stopped`;
}

/** radacct with the NAS directory joined, for the NAS's name in messages. */
function targetsFrom(sql: SessionSql): string {
  return sql.nasDirectory
    ? `radacct r LEFT JOIN ${sql.nasDirectory} nd ON nd.ip = ${sql.nasIpText}`
    : 'radacct r';
}

function toTarget(row: TargetRow): SessionToDisconnect {
  return {
    radacctId: row.radacct_id,
    username: row.username,
    nasIp: row.nas_ip,
    nasName: row.nas_name,
    // An empty framed IP is no address: the Disconnect-Request then leaves it out.
    framedIp: row.framed_ip?.trim() || null,
    framedIpv6Prefix: row.framed_ipv6_prefix,
    mac: row.mac,
    acctSessionId: row.acct_session_id ?? '',
    stopped: row.stopped,
  };
}

/**
 * The session behind one row, under the operator's scope: a session outside it reads as
 * not found, exactly like one that does not exist.
 */
export async function sessionToDisconnect(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  radacctId: string,
  scope: OperatorScope,
): Promise<SessionToDisconnect | null> {
  const params = new SqlParams();
  const conditions = [`r.radacctid = ${params.add(radacctId, 'bigint')}`];
  const scoped = scopeSql(scope, schema, params);
  if (scoped !== null) conditions.push(scoped);
  const [row] = await db.objects<TargetRow>(
    `SELECT ${targetColumns(sql)} FROM ${targetsFrom(sql)} ${whereSql(conditions)}`,
    params.values,
  );
  return row ? toTarget(row) : null;
}

/**
 * The open sessions with this Acct-Session-Id under the scope, at most `limit`, oldest first.
 * A NAS makes its ids unique only among its own sessions, so more than one may answer.
 * Stock radacct indexes no acctsessionid: this reads the online set, as the page does.
 */
export async function openSessionsWithAcctSessionId(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  acctSessionId: string,
  scope: OperatorScope,
  limit: number,
): Promise<SessionToDisconnect[]> {
  const params = new SqlParams();
  const conditions = [
    'r.acctstoptime IS NULL',
    `r.acctsessionid = ${params.add(acctSessionId, 'text')}`,
  ];
  const scoped = scopeSql(scope, schema, params);
  if (scoped !== null) conditions.push(scoped);
  const rows = await db.objects<TargetRow>(
    `SELECT ${targetColumns(sql)} FROM ${targetsFrom(sql)} ${whereSql(conditions)}
     ORDER BY r.radacctid LIMIT ${params.add(limit, 'integer')}`,
    params.values,
  );
  return rows.map(toTarget);
}

/** The conditions that pick a bulk selection's open sessions under a scope. */
function selectionConditions(
  selection: BulkSelection,
  scope: OperatorScope,
  schema: DetectedSchema,
  sql: SessionSql,
  params: SqlParams,
): string[] {
  // Only open sessions can be disconnected, whatever status the page shows; a page of
  // stale sessions takes those only.
  const filter =
    selection.kind === 'filter'
      ? {
          ...selection.filter,
          status: selection.filter.status === 'stale' ? ('stale' as const) : ('online' as const),
        }
      : { search: '', status: 'online' as const, nasIp: null };
  const conditions = sessionConditions(filter, scope, schema, sql, params);
  if (selection.kind === 'user') {
    conditions.push(`r.username = ${params.add(selection.username, 'text')}`);
  }
  if (selection.kind === 'sessions') {
    conditions.push(`r.radacctid = ANY(${params.add(selection.radacctIds, 'bigint[]')})`);
  }
  return conditions;
}

/** How many open sessions a selection takes now, and on how many NAS. */
export async function countSessionsToDisconnect(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  selection: BulkSelection,
  scope: OperatorScope,
): Promise<{ count: number; nasCount: number }> {
  const params = new SqlParams();
  const where = whereSql(selectionConditions(selection, scope, schema, sql, params));
  const [row] = await db.objects<{ count: string; nas_count: string }>(
    `SELECT count(*) AS count, count(DISTINCT r.nasipaddress) AS nas_count
     FROM radacct r ${where}`,
    params.values,
  );
  return { count: Number(row?.count ?? 0), nasCount: Number(row?.nas_count ?? 0) };
}

/**
 * A selection's open sessions, NAS by NAS (one API connection serves a NAS's run), at most
 * `limit`: the caller asks for one more than it accepts to tell "too many" from "exactly".
 */
export async function sessionsToDisconnect(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  selection: BulkSelection,
  scope: OperatorScope,
  limit: number,
): Promise<SessionToDisconnect[]> {
  const params = new SqlParams();
  const where = whereSql(selectionConditions(selection, scope, schema, sql, params));
  const rows = await db.objects<TargetRow>(
    `SELECT ${targetColumns(sql)} FROM ${targetsFrom(sql)} ${where}
     ORDER BY r.nasipaddress, r.radacctid LIMIT ${params.add(limit, 'integer')}`,
    params.values,
  );
  return rows.map(toTarget);
}

/**
 * The Accounting-Stops radacct has for these sessions: each closed one with its stop time
 * (ISO 8601), null for a row that left radacct (archived: only closed sessions leave).
 * Sessions still open are not in the map.
 */
export async function sessionStops(
  db: DbQueries,
  sql: SessionSql,
  radacctIds: string[],
): Promise<Map<string, string | null>> {
  const stops = new Map<string, string | null>(radacctIds.map((id) => [id, null]));
  if (radacctIds.length === 0) return stops;
  const params = new SqlParams();
  const rows = await db.objects<{ radacct_id: string; open: boolean; stopped_at: string | null }>(
    `SELECT radacctid::text AS radacct_id, r.acctstoptime IS NULL AS open,
            ${sql.sortKeys.stopTime.sql} AS stopped_at
     FROM radacct r WHERE r.radacctid = ANY(${params.add(radacctIds, 'bigint[]')})`,
    params.values,
  );
  for (const row of rows) {
    if (row.open) stops.delete(row.radacct_id);
    else stops.set(row.radacct_id, isoTime(row.stopped_at));
  }
  return stops;
}
