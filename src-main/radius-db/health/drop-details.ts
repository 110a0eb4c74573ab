import { rebootCauses, type HistoryCoverage } from '@contract';
import type { OperatorScope } from '../../operator-scope';
import type { DbQueries } from '../db-queries';
import type { DetectedSchema } from '../detected-schema';
import { isoTime } from '../iso-time';
import { scopeSql } from '../scope-sql';
import type { SessionSql } from '../session-sql';
import { SqlParams } from '../sql-params';
import { endedAfter } from './history-coverage';
import { radacctTime } from './radacct-times';

/** Accounting-Stops of one NAS within (from, to], epoch seconds. */
export interface StopWindow {
  nasIp: string;
  from: number;
  to: number;
}

export interface StopsInWindow {
  ended: number;
  /** The first and last Accounting-Stop (ISO 8601); null when none ended. */
  first: string | null;
  last: string | null;
  /** Per terminate cause, most first (null: no cause written). */
  causes: { cause: string | null; sessions: number }[];
  /**
   * The most sessions closed at one instant with a reboot cause: FreeRADIUS's Accounting-On
   * and Accounting-Off stamp every session of the NAS with the same stop time.
   */
  rebootBatch: number;
}

/** What ended in each window, in the order given: one statement for all of them. */
export async function readStopsInWindows(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
  coverage: HistoryCoverage,
  windows: StopWindow[],
): Promise<StopsInWindow[]> {
  if (windows.length === 0) return [];
  const params = new SqlParams();
  const values = windows.map(
    (window, i) =>
      `(${params.add(i, 'integer')}, ${params.add(window.nasIp, sql.nasIpType)},
        to_timestamp(${params.add(window.from, 'float8')}), to_timestamp(${params.add(window.to, 'float8')}))`,
  );
  const scoped = scopeSql(scope, schema, params);
  const start = radacctTime(schema, 'acctstarttime');
  const stop = radacctTime(schema, 'acctstoptime');
  const rows = await db.arrays(
    `SELECT w.i, x.cause, x.at, x.n
     FROM (VALUES ${values.join(', ')}) w (i, nas, lo, hi)
     CROSS JOIN LATERAL (
       SELECT r.acctterminatecause::text AS cause, ${stop.value} AS at, count(*) AS n
       FROM radacct r
       WHERE r.nasipaddress = w.nas AND ${endedAfter(coverage, start, stop, 'w.lo')}
         AND ${stop.compare('<=', 'w.hi')}${scoped === null ? '' : ` AND ${scoped}`}
       GROUP BY 1, 2) x`,
    params.values,
  );
  const reboot = new Set<string>(rebootCauses);
  const results = windows.map(() => ({
    ended: 0,
    first: null as string | null,
    last: null as string | null,
    byCause: new Map<string | null, number>(),
    rebootBatch: 0,
  }));
  for (const [i, cause, at, n] of rows) {
    const result = results[Number(i)];
    if (!result) continue;
    const count = Number(n);
    const when = isoTime(at === null ? null : String(at));
    const causeText = cause === null ? null : String(cause);
    result.ended += count;
    if (when !== null && (result.first === null || Date.parse(when) < Date.parse(result.first)))
      result.first = when;
    if (when !== null && (result.last === null || Date.parse(when) > Date.parse(result.last)))
      result.last = when;
    result.byCause.set(causeText, (result.byCause.get(causeText) ?? 0) + count);
    if (causeText !== null && reboot.has(causeText))
      result.rebootBatch = Math.max(result.rebootBatch, count);
  }
  return results.map(({ byCause, ...result }) => ({
    ...result,
    causes: [...byCause]
      .map(([cause, sessions]) => ({ cause, sessions }))
      .sort((a, b) => b.sessions - a.sessions || String(a.cause).localeCompare(String(b.cause))),
  }));
}
