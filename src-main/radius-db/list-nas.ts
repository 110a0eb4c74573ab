import { isIP } from 'node:net';
import type { NasEntry } from '@contract';
import type { DbQueries } from './db-queries';
import type { SessionSql } from './session-sql';

/**
 * The NAS dropdown: every NAS of the directory, plus NAS that carry online sessions but are
 * missing from it (else their sessions could not be filtered). Distinct addresses are read
 * from the online set only: FreeRADIUS indexes nasipaddress just there, and a DISTINCT over
 * all history would scan every session ever recorded.
 */
export async function listNas(db: DbQueries, sql: SessionSql): Promise<NasEntry[]> {
  const online = `SELECT DISTINCT ${sql.nasIpText} AS ip FROM radacct r WHERE r.acctstoptime IS NULL`;
  const text = sql.nasDirectory
    ? `WITH directory AS ${sql.nasDirectory}
       SELECT ip, name FROM directory
       UNION ALL
       SELECT seen.ip, NULL FROM (${online}) seen
       WHERE NOT EXISTS (SELECT 1 FROM directory d WHERE d.ip = seen.ip)
       ORDER BY name NULLS LAST, ip`
    : `${online} ORDER BY ip`;
  const rows = await db.objects<{ ip: string | null; name?: string | null }>(text, []);
  // Directory rows with a host name or a subnet can never equal a session's NAS address.
  return rows
    .filter(
      (row): row is { ip: string; name?: string | null } => row.ip !== null && isIP(row.ip) !== 0,
    )
    .map((row) => ({ nasIp: row.ip, name: row.name ?? null }));
}
