import type { StaleSession } from '@contract';
import type { OperatorScope } from '../../operator-scope';
import type { DbQueries } from '../db-queries';
import type { DetectedSchema } from '../detected-schema';
import { isoTime } from '../iso-time';
import { scopeSql } from '../scope-sql';
import type { SessionSql } from '../session-sql';
import { SqlParams } from '../sql-params';

/** One NAS's open and stale sessions as the sweeper sees them. */
export interface StaleOnNas {
  nasIp: string;
  nasName: string | null;
  open: number;
  stale: number;
  /** The latest last-heard time among its stale sessions (what a silence confirmation covers). */
  lastHeardMax: string | null;
  /** Its stale sessions, oldest silence first, at most the sample asked for. */
  sessions: StaleSession[];
}

/**
 * Open and stale sessions per NAS under the scope, with up to `sample` stale sessions of
 * each: what the sweep's preview lists and what a sweep closes. Reads the online set only
 * (FreeRADIUS's partial index on open sessions), like the stat row.
 */
export async function readStaleByNas(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
  sample: number,
): Promise<{ nas: StaleOnNas[]; readAt: string }> {
  const params = new SqlParams();
  const scoped = scopeSql(scope, schema, params);
  const inScope = scoped === null ? '' : ` AND ${scoped}`;
  const limit = params.add(sample, 'integer');
  const stale = sql.stale.isStale('clock.now_at');
  const nasName = sql.nasDirectory
    ? `(SELECT d.name FROM ${sql.nasDirectory} d WHERE d.ip = ${sql.nasIpTextOf('o.nasipaddress')} LIMIT 1)`
    : 'NULL::text';
  const rows = await db.arrays(
    `WITH clock AS (SELECT statement_timestamp() AS now_at),
     open_sessions AS (
       SELECT r.radacctid, r.nasipaddress, ${sql.stale.lastHeard} AS last_heard, ${stale} AS stale
       FROM radacct r, clock
       WHERE r.acctstoptime IS NULL${inScope}),
     per_nas AS (
       SELECT o.nasipaddress, count(*) AS open, count(*) FILTER (WHERE o.stale) AS stale,
              max(o.last_heard) FILTER (WHERE o.stale) AS last_heard_max
       FROM open_sessions o GROUP BY o.nasipaddress HAVING count(*) FILTER (WHERE o.stale) > 0),
     picked AS (
       SELECT ranked.radacctid FROM (
         SELECT o.radacctid, row_number() OVER (
                  PARTITION BY o.nasipaddress ORDER BY o.last_heard, o.radacctid) AS n
         FROM open_sessions o WHERE o.stale) ranked
       WHERE ranked.n <= ${limit})
     SELECT 'nas', ${sql.nasIpTextOf('o.nasipaddress')}, ${nasName}, o.open::text, o.stale::text,
            o.last_heard_max::text, NULL, NULL, NULL, NULL, (SELECT now_at::text FROM clock)
     FROM per_nas o
     UNION ALL
     SELECT 'session', ${sql.nasIpText}, r.radacctid::text, coalesce(r.username::text, ''),
            r.acctsessionid::text, ${sql.framedIpText}, ${sql.sortKeys.startTime.sql}::text,
            (${sql.stale.lastHeard})::text, NULL, NULL, NULL::text
     FROM radacct r JOIN picked p ON p.radacctid = r.radacctid`,
    params.values,
  );
  const byNas = new Map<string, StaleOnNas>();
  let readAt: string | null = null;
  const text = (value: unknown): string | null =>
    value === null || value === undefined ? null : String(value);
  for (const row of rows) {
    if (row[0] !== 'nas') continue;
    const nasIp = String(row[1]);
    readAt = isoTime(text(row[10]));
    byNas.set(nasIp, {
      nasIp,
      nasName: text(row[2]),
      open: Number(row[3]),
      stale: Number(row[4]),
      lastHeardMax: isoTime(text(row[5])),
      sessions: [],
    });
  }
  for (const row of rows) {
    if (row[0] !== 'session') continue;
    byNas.get(String(row[1]))?.sessions.push({
      radacctId: String(row[2]),
      username: String(row[3]),
      nasIp: String(row[1]),
      acctSessionId: text(row[4]) ?? '',
      framedIp: text(row[5]),
      startTime: isoTime(text(row[6])),
      lastHeardAt: isoTime(text(row[7])),
    });
  }
  for (const nas of byNas.values()) {
    nas.sessions.sort(
      (a, b) =>
        (a.lastHeardAt ?? '').localeCompare(b.lastHeardAt ?? '') ||
        a.radacctId.localeCompare(b.radacctId),
    );
  }
  if (readAt === null) {
    const [clock] = await db.arrays('SELECT statement_timestamp()::text', []);
    readAt = isoTime(text(clock?.[0]));
  }
  return {
    nas: [...byNas.values()].sort((a, b) => a.nasIp.localeCompare(b.nasIp)),
    readAt: readAt ?? new Date().toISOString(),
  };
}
