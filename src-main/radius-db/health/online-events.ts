import { isIP } from 'node:net';
import { outageCauses, type HistoryCoverage } from '@contract';
import type { OperatorScope } from '../../operator-scope';
import type { DbQueries } from '../db-queries';
import type { DetectedSchema } from '../detected-schema';
import { isoTime } from '../iso-time';
import { scopeSql } from '../scope-sql';
import type { SessionSql } from '../session-sql';
import { SqlParams } from '../sql-params';
import { endedAfter } from './history-coverage';
import { radacctTime } from './radacct-times';

/** Accounting of one NAS over a window, per bucket of `bucketSeconds`. */
export interface NasEvents {
  nasIp: string;
  nasName: string | null;
  /** Online at the moment of reading: every open session, as the stat row counts them. */
  online: number;
  /**
   * By bucket number b, the bucket (b-1)·w < t <= b·w: sessions that started, that ended,
   * and that ended with an outage cause.
   */
  starts: Map<number, number>;
  stops: Map<number, number>;
  outageStops: Map<number, number>;
}

export interface OnlineEvents {
  /** When the database read them, ISO 8601 and epoch seconds. */
  readAt: string;
  now: number;
  bucketSeconds: number;
  /** The window starts at the edge firstBucket·w; the bucket holding now is lastBucket. */
  firstBucket: number;
  lastBucket: number;
  /** Every NAS known: in the NAS directory, online, or with accounting in the window. */
  perNas: NasEvents[];
}

/**
 * The starts and Accounting-Stops of a window, counted per NAS and bucket in SQL, plus the
 * online count now: the running sum of the buckets from that count backwards gives the
 * online count at every bucket edge (see online-series.ts) without visiting a session twice.
 * Starts come from the (acctstarttime, username) index, the online set from the partial
 * index on open sessions, ended sessions as history-coverage.ts says.
 */
export async function readOnlineEvents(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
  coverage: HistoryCoverage,
  window: { seconds: number; bucketSeconds: number },
): Promise<OnlineEvents> {
  const params = new SqlParams();
  const w = params.add(window.bucketSeconds, 'integer');
  const span = params.add(window.seconds, 'integer');
  const scoped = scopeSql(scope, schema, params);
  const inScope = scoped === null ? '' : ` AND ${scoped}`;
  const start = radacctTime(schema, 'acctstarttime');
  const stop = radacctTime(schema, 'acctstoptime');
  const outage = outageCauses.map((cause) => params.add(cause, 'text')).join(', ');
  const bucketOf = (time: string) => `ceil(extract(epoch FROM ${time}) / ${w})::bigint`;
  // Written out rather than read from a CTE: the planner estimates a stable expression like
  // this one, and so picks the index range scans; a CTE's column it cannot see into.
  const nowAt = 'statement_timestamp()';
  const bucketNow = bucketOf(nowAt);
  const fromAt = `to_timestamp(((${bucketNow} - 1) * ${w} - ${span})::float8)`;
  const nasIp = sql.nasIpTextOf('e.nas');
  const named = sql.nasDirectory
    ? `SELECT coalesce(d.ip, ev.ip), d.name, ev.kind, ev.bucket, ev.a, ev.b, NULL::float8,
              NULL::timestamptz
       FROM ev FULL JOIN ${sql.nasDirectory} d ON d.ip = ev.ip`
    : 'SELECT ev.ip, NULL::text, ev.kind, ev.bucket, ev.a, ev.b, NULL::float8, NULL::timestamptz FROM ev';
  const rows = await db.arrays(
    `WITH clock AS (
       SELECT statement_timestamp() AS now_at, ${bucketNow} AS last_bucket),
     open_now AS (
       -- The stat row's own count, served by the partial index on open sessions.
       SELECT r.nasipaddress AS nas, count(*) AS n FROM radacct r
       WHERE r.acctstoptime IS NULL${inScope}
       GROUP BY 1),
     started AS (
       SELECT r.nasipaddress AS nas, ${bucketOf(start.value)} AS bucket, count(*) AS n
       FROM radacct r
       WHERE ${start.compare('>', fromAt)} AND ${start.compare('<=', nowAt)}${inScope}
       GROUP BY 1, 2),
     ended AS (
       -- An Accounting-Stop stamped after now (a NAS clock ahead) is still online now.
       SELECT r.nasipaddress AS nas,
              CASE WHEN ${stop.value} > ${nowAt} THEN NULL
                   ELSE ${bucketOf(`greatest(${stop.value}, ${start.value})`)} END AS bucket,
              count(*) AS n,
              count(*) FILTER (WHERE r.acctterminatecause::text IN (${outage})) AS outage
       FROM radacct r
       WHERE ${endedAfter(coverage, start, stop, fromAt)}
         AND ${start.compare('<=', nowAt)}${inScope}
       GROUP BY 1, 2),
     events AS (
       SELECT 'online' AS kind, nas, NULL::bigint AS bucket, n AS a, 0::bigint AS b FROM open_now
       UNION ALL SELECT 'online', nas, NULL, n, 0 FROM ended WHERE bucket IS NULL
       UNION ALL SELECT 'start', nas, bucket, n, 0 FROM started
       UNION ALL SELECT 'stop', nas, bucket, n, outage FROM ended WHERE bucket IS NOT NULL),
     ev AS (SELECT ${nasIp} AS ip, e.kind, e.bucket, e.a, e.b FROM events e)
     SELECT NULL::text, NULL::text, 'clock', clock.last_bucket, NULL::bigint, NULL::bigint,
            extract(epoch FROM clock.now_at)::float8, clock.now_at
     FROM clock
     UNION ALL (${named})`,
    params.values,
  );
  const clock = rows.find((row) => row[2] === 'clock');
  const byIp = new Map<string, NasEvents>();
  for (const [ip, name, kind, bucket, a, b] of rows) {
    // Directory rows naming a host or a subnet can never be a session's NAS address.
    if (ip === null || isIP(String(ip)) === 0) continue;
    const key = String(ip);
    let nas = byIp.get(key);
    if (!nas) {
      nas = {
        nasIp: key,
        nasName: null,
        online: 0,
        starts: new Map(),
        stops: new Map(),
        outageStops: new Map(),
      };
      byIp.set(key, nas);
    }
    if (name !== null) nas.nasName = String(name);
    const count = Number(a);
    const at = Number(bucket);
    if (kind === 'online') nas.online += count;
    else if (kind === 'start') add(nas.starts, at, count);
    else if (kind === 'stop') {
      add(nas.stops, at, count);
      if (Number(b) > 0) add(nas.outageStops, at, Number(b));
    }
  }
  const lastBucket = Number(clock?.[3]);
  return {
    readAt: isoTime(String(clock?.[7])) ?? '',
    now: Number(clock?.[6]),
    bucketSeconds: window.bucketSeconds,
    firstBucket: lastBucket - 1 - Math.ceil(window.seconds / window.bucketSeconds),
    lastBucket,
    perNas: [...byIp.values()],
  };
}

function add(map: Map<number, number>, key: number, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}
