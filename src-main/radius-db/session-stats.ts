import type { NasPill, SessionStats } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { scopeSql } from './scope-sql';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/**
 * The stat row: online sessions per NAS under the operator's scope. Grouping on the raw
 * nasipaddress lets FreeRADIUS's partial (nasipaddress, acctstarttime) index serve it; names
 * are joined to the handful of groups afterwards. The clock row makes an empty result still
 * carry the time it was read.
 */
export async function sessionStats(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
): Promise<SessionStats> {
  const params = new SqlParams();
  const online = onlineUnderScope(scope, schema, params);
  const nasIp = sql.nasIpTextOf('per_nas.nasipaddress');
  const nasName = sql.nasDirectory ? 'nd.name' : 'NULL::text';
  const nasJoin = sql.nasDirectory ? `LEFT JOIN ${sql.nasDirectory} nd ON nd.ip = ${nasIp}` : '';
  const rows = await db.arrays(
    `WITH per_nas AS (
       SELECT r.nasipaddress, count(*) AS online FROM radacct r
       WHERE ${online} GROUP BY r.nasipaddress),
     named AS (
       SELECT ${nasIp} AS nas_ip, ${nasName} AS nas_name, per_nas.online
       FROM per_nas ${nasJoin})
     SELECT statement_timestamp(), named.nas_ip, named.nas_name, named.online
     FROM (SELECT) clock LEFT JOIN named ON true
     ORDER BY named.online DESC, named.nas_ip`,
    params.values,
  );
  const perNas: NasPill[] = [];
  for (const row of rows) {
    if (row[1] === null) continue;
    perNas.push({
      nasIp: String(row[1]),
      nasName: row[2] === null ? null : String(row[2]),
      online: Number(row[3]),
    });
  }
  return {
    online: perNas.reduce((sum, pill) => sum + pill.online, 0),
    perNas,
    readAt: isoTime(rows[0] ? String(rows[0][0]) : null) ?? '',
  };
}

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
