import { sweepTerminateCause, type StaleSession } from '@contract';
import type { OperatorScope } from '../../operator-scope';
import type { DbQueries } from '../db-queries';
import type { DetectedSchema } from '../detected-schema';
import { isoTime } from '../iso-time';
import { scopeSql } from '../scope-sql';
import type { SessionSql } from '../session-sql';
import { SqlParams } from '../sql-params';

/** At most this many rows per UPDATE: each statement holds its row locks for milliseconds. */
export const closeBatchSize = 100;

/** A session the close wrote its stop to. */
export interface ClosedSession extends StaleSession {
  stopTime: string | null;
}

/**
 * Closes open sessions the NAS no longer has, as the spec's Stale Session Cleanup does:
 * acctstoptime = the last Interim-Update (the start when there was none), terminate cause
 * Lost-Carrier. Only rows still open (and, with `onlyStale`, still stale: an interim that
 * arrived since the preview keeps its row open) under the scope are written. Rows FreeRADIUS
 * is writing right now are skipped (FOR UPDATE SKIP LOCKED), never waited for: the sweeper
 * never holds up an accounting packet. Batches of closeBatchSize, each its own statement.
 * With the panel tables, a subscriber left with no open session gets is_online = false.
 */
export async function closeLostSessions(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
  radacctIds: readonly string[],
  onlyStale: boolean,
): Promise<ClosedSession[]> {
  const closed: ClosedSession[] = [];
  const markOffline = schema.summary.panelTables && (await hasIsOnline(db));
  for (let at = 0; at < radacctIds.length; at += closeBatchSize) {
    const batch = radacctIds.slice(at, at + closeBatchSize);
    const params = new SqlParams();
    const ids = params.add(batch, 'bigint[]');
    const cause = params.add(sweepTerminateCause, 'text');
    const scoped = scopeSql(scope, schema, params);
    const conditions = [
      `r.radacctid = ANY(${ids})`,
      'r.acctstoptime IS NULL',
      ...(onlyStale ? [sql.stale.isStale('statement_timestamp()')] : []),
      ...(scoped === null ? [] : [scoped]),
    ];
    const stopAt = schema.radacct.has('acctupdatetime')
      ? 'coalesce(r.acctupdatetime, r.acctstarttime)'
      : 'r.acctstarttime';
    const rows = await db.arrays(
      `WITH picked AS (
         SELECT r.radacctid FROM radacct r WHERE ${conditions.join(' AND ')}
         FOR UPDATE OF r SKIP LOCKED),
       written AS (
         UPDATE radacct r SET acctstoptime = ${stopAt}, acctterminatecause = ${cause}
         FROM picked WHERE r.radacctid = picked.radacctid AND ${stopAt} IS NOT NULL
         RETURNING r.*)
       ${
         markOffline
           ? `, offline AS (
         UPDATE subscribers s SET is_online = false
         WHERE s.username IN (SELECT w.username FROM written w) AND s.is_online
           AND NOT EXISTS (SELECT 1 FROM radacct o WHERE o.username = s.username
                           AND o.acctstoptime IS NULL
                           AND o.radacctid NOT IN (SELECT w.radacctid FROM written w)))`
           : ''
       }
       SELECT r.radacctid::text, coalesce(r.username::text, ''), ${sql.nasIpText},
              r.acctsessionid::text, ${sql.framedIpText}, ${sql.sortKeys.startTime.sql}::text,
              (${sql.stale.lastHeard})::text, ${sql.sortKeys.stopTime.sql}::text
       FROM written r ORDER BY r.radacctid`,
      params.values,
    );
    for (const row of rows) {
      const text = (index: number): string | null =>
        row[index] === null || row[index] === undefined ? null : String(row[index]);
      closed.push({
        radacctId: text(0) ?? '',
        username: text(1) ?? '',
        nasIp: text(2) ?? '',
        acctSessionId: text(3) ?? '',
        framedIp: text(4),
        startTime: isoTime(text(5)),
        lastHeardAt: isoTime(text(6)),
        stopTime: isoTime(text(7)),
      });
    }
  }
  return closed;
}

async function hasIsOnline(db: DbQueries): Promise<boolean> {
  const rows = await db.arrays(
    `SELECT 1 FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'subscribers'
       AND column_name = 'is_online'`,
    [],
  );
  return rows.length > 0;
}
