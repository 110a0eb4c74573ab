import { isIP } from 'node:net';
import { compareNasPills, type NasPill, type SessionStats } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { scopeSql } from './scope-sql';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';
import { standbyLag, standbyLagColumns } from './standby';

/**
 * The stat row: online sessions per NAS under the operator's scope, every NAS of the
 * directory included, ordered by name so pills never move while they are looked at.
 * Grouping on the raw nasipaddress lets FreeRADIUS's partial (nasipaddress, acctstarttime)
 * index serve it (an index-only scan); names are joined to the handful of groups afterwards.
 * The clock row makes an empty result still carry the time it was read (and, on a standby,
 * its lag).
 *
 * The stale count reads every online row's times from the table itself, about forty times
 * the cost of the counts (400 ms against 11 at 150k online): it is counted only when
 * `stale` is null, and otherwise the caller's earlier count is passed on as it is.
 */
export async function sessionStats(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
  stale: StaleCount | null,
): Promise<SessionStats> {
  const params = new SqlParams();
  const online = onlineUnderScope(scope, schema, params);
  const nasIp = sql.nasIpTextOf('per_nas.nasipaddress');
  // Every NAS of the directory keeps its pill at 0 for whoever sees all sessions: a NAS that
  // lost its sessions must not vanish from the row the operator watches. A scoped operator's
  // pills are the NAS its own sessions are on (as its NAS list is); the health overview
  // keeps those that carried its sessions in the last 24 h.
  const wholeDirectory = scope.kind === 'all' ? 'FULL' : 'LEFT';
  const named = sql.nasDirectory
    ? `SELECT coalesce(nd.ip, ${nasIp}) AS nas_ip, nd.name AS nas_name,
              coalesce(per_nas.online, 0) AS online
       FROM per_nas ${wholeDirectory} JOIN ${sql.nasDirectory} nd ON nd.ip = ${nasIp}`
    : `SELECT ${nasIp} AS nas_ip, NULL::text AS nas_name, per_nas.online FROM per_nas`;
  // Only a stale count reads the table's rows; without it the counts are the index's alone.
  const staleColumn = stale
    ? ''
    : `, count(*) FILTER (WHERE ${sql.stale.isStale('statement_timestamp()')}) AS stale`;
  const rows = await db.arrays(
    `WITH per_nas AS (
       SELECT r.nasipaddress, count(*) AS online${staleColumn}
       FROM radacct r
       WHERE ${online} GROUP BY r.nasipaddress),
     named AS (${named})
     SELECT statement_timestamp(), named.nas_ip, named.nas_name, named.online,
            ${stale ? 'NULL' : '(SELECT sum(stale) FROM per_nas)'}, ${standbyLagColumns}
     FROM (SELECT) clock LEFT JOIN named ON true`,
    params.values,
  );
  const perNas: NasPill[] = [];
  for (const row of rows) {
    // Directory rows naming a host or a subnet can never be a session's NAS address.
    if (row[1] === null || isIP(String(row[1])) === 0) continue;
    perNas.push({
      nasIp: String(row[1]),
      nasName: row[2] === null ? null : String(row[2]),
      online: Number(row[3]),
    });
  }
  perNas.sort(compareNasPills);
  const readAt = isoTime(rows[0] ? String(rows[0][0]) : null) ?? '';
  return {
    online: perNas.reduce((sum, pill) => sum + pill.online, 0),
    stale: stale?.stale ?? Number(rows[0]?.[4] ?? 0),
    staleReadAt: stale?.staleReadAt ?? readAt,
    perNas,
    readAt,
    // Read with every stat row, so the lag beside "updated N s ago" is as fresh as the data.
    standby: standbyLag(rows[0]?.[5], rows[0]?.[6]),
  };
}

/** A stale count read earlier, and when. */
export type StaleCount = Pick<SessionStats, 'stale' | 'staleReadAt'>;

/** The online count alone, e.g. for a connection test or the dashboard counter. */
export async function countOnline(
  db: DbQueries,
  schema: DetectedSchema,
  scope: OperatorScope,
): Promise<number> {
  const params = new SqlParams();
  const [row] = await db.arrays(
    `SELECT count(*) FROM radacct r WHERE ${onlineUnderScope(scope, schema, params)}`,
    params.values,
  );
  return Number(row?.[0] ?? 0);
}

/** Online sessions the operator may see; the literal IS NULL lets the partial indexes serve. */
function onlineUnderScope(scope: OperatorScope, schema: DetectedSchema, params: SqlParams): string {
  const scoped = scopeSql(scope, schema, params);
  return scoped === null ? 'r.acctstoptime IS NULL' : `r.acctstoptime IS NULL AND ${scoped}`;
}
