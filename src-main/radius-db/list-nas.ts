import { isIP } from 'node:net';
import type { NasEntry } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { scopeSql } from './scope-sql';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/**
 * The NAS dropdown. For the "all" scope: every NAS of the directory, plus NAS that carry
 * online sessions but are missing from it (else their sessions could not be filtered).
 * Under a reseller scope: only the NAS its online sessions are on, so the list says nothing
 * of the rest of the network. Distinct addresses are read from the online set only:
 * FreeRADIUS indexes nasipaddress just there, and a DISTINCT over all history would scan
 * every session ever recorded.
 */
export async function listNas(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
): Promise<NasEntry[]> {
  const params = new SqlParams();
  const scoped = scopeSql(scope, schema, params);
  const online = `SELECT DISTINCT ${sql.nasIpText} AS ip FROM radacct r
                  WHERE r.acctstoptime IS NULL${scoped === null ? '' : ` AND ${scoped}`}`;
  let text: string;
  if (!sql.nasDirectory) {
    text = `${online} ORDER BY ip`;
  } else if (scoped === null) {
    text = `WITH directory AS ${sql.nasDirectory}
       SELECT ip, name FROM directory
       UNION ALL
       SELECT seen.ip, NULL FROM (${online}) seen
       WHERE NOT EXISTS (SELECT 1 FROM directory d WHERE d.ip = seen.ip)
       ORDER BY name NULLS LAST, ip`;
  } else {
    text = `SELECT seen.ip, d.name FROM (${online}) seen
       LEFT JOIN ${sql.nasDirectory} d ON d.ip = seen.ip
       ORDER BY d.name NULLS LAST, seen.ip`;
  }
  const rows = await db.objects<{ ip: string | null; name?: string | null }>(text, params.values);
  // Directory rows with a host name or a subnet can never equal a session's NAS address.
  return rows
    .filter(
      (row): row is { ip: string; name?: string | null } => row.ip !== null && isIP(row.ip) !== 0,
    )
    .map((row) => ({ nasIp: row.ip, name: row.name ?? null }));
}
