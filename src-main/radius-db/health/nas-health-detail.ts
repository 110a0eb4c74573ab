import { isIP } from 'node:net';
import {
  rebootCauses,
  type CauseCount,
  type HistoryCoverage,
  type NasHealthDetail,
} from '@contract';
import { OperatorError } from '../../operator-error';
import type { OperatorScope } from '../../operator-scope';
import type { DbQueries } from '../db-queries';
import type { DetectedSchema } from '../detected-schema';
import { isoTime } from '../iso-time';
import { scopeSql } from '../scope-sql';
import type { SessionSql } from '../session-sql';
import { SqlParams } from '../sql-params';
import { endedAfter } from './history-coverage';
import { radacctTime } from './radacct-times';

/** How far back the last Accounting-On of a NAS is looked for. */
export const accountingOnSearchDays = 7;

/**
 * One NAS for the Sessions per NAS page: online and stale sessions (the partial index on
 * open sessions by NAS), terminate causes of the last hour and day, and the last time
 * FreeRADIUS closed its sessions on an Accounting-On/Off: at least two sessions stamped with
 * the same stop time and a reboot cause, as the stock accounting-on query writes them.
 */
export async function readNasHealthDetail(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  scope: OperatorScope,
  coverage: HistoryCoverage,
  nasIp: string,
): Promise<Omit<NasHealthDetail, 'coverage'>> {
  const address = nasIp.trim();
  if (isIP(address) === 0) {
    throw new OperatorError(
      'INVALID_INPUT',
      `NAS address "${address}" is not an IP address. Pick the NAS from its pill or the list.`,
    );
  }
  const params = new SqlParams();
  const nas = params.add(address, sql.nasIpType);
  const scoped = scopeSql(scope, schema, params);
  const inScope = scoped === null ? '' : ` AND ${scoped}`;
  const start = radacctTime(schema, 'acctstarttime');
  const stop = radacctTime(schema, 'acctstoptime');
  const reboot = rebootCauses.map((cause) => params.add(cause, 'text')).join(', ');
  const searchDays = params.add(accountingOnSearchDays, 'integer');
  const name = sql.nasDirectory
    ? `(SELECT d.name FROM ${sql.nasDirectory} d WHERE d.ip = ${params.add(address, 'text')})`
    : 'NULL::text';
  const rows = await db.arrays(
    `WITH clock AS (SELECT statement_timestamp() AS now_at),
     open_sessions AS (
       SELECT count(*) AS online,
              count(*) FILTER (WHERE ${sql.stale.isStale('clock.now_at')}) AS stale
       FROM radacct r, clock
       WHERE r.acctstoptime IS NULL AND r.nasipaddress = ${nas}${inScope}
       GROUP BY clock.now_at),
     day AS (
       SELECT r.acctterminatecause::text AS cause, ${stop.value} AS at
       FROM radacct r
       WHERE r.nasipaddress = ${nas}
         AND ${endedAfter(coverage, start, stop, `(statement_timestamp() - interval '1 day')`)}${inScope}),
     reboots AS (
       SELECT ${stop.value} AS at, count(*) AS n
       FROM radacct r
       WHERE r.nasipaddress = ${nas}
         AND ${endedAfter(coverage, start, stop, `(statement_timestamp() - make_interval(days => ${searchDays}))`)}
         AND r.acctterminatecause::text IN (${reboot})${inScope}
       GROUP BY 1 HAVING count(*) >= 2
       ORDER BY 1 DESC LIMIT 1)
     SELECT 'clock', clock.now_at::text, ${name}, (SELECT online FROM open_sessions),
            (SELECT stale FROM open_sessions), NULL::bigint
     FROM clock
     UNION ALL
     SELECT 'cause', day.cause, NULL, count(*), count(*) FILTER (
              WHERE day.at > clock.now_at - interval '1 hour'), NULL
     FROM day, clock GROUP BY day.cause
     UNION ALL
     SELECT 'reboot', reboots.at::text, NULL, reboots.n, NULL, NULL FROM reboots`,
    params.values,
  );
  const clock = rows.find((row) => row[0] === 'clock');
  const lastDay: CauseCount[] = [];
  const lastHour: CauseCount[] = [];
  let lastAccountingOn: NasHealthDetail['lastAccountingOn'] = null;
  for (const row of rows) {
    if (row[0] === 'cause') {
      const cause = row[1] === null ? null : String(row[1]);
      lastDay.push({ cause, sessions: Number(row[3]) });
      if (Number(row[4]) > 0) lastHour.push({ cause, sessions: Number(row[4]) });
    } else if (row[0] === 'reboot') {
      lastAccountingOn = { at: isoTime(String(row[1])) ?? '', sessions: Number(row[3]) };
    }
  }
  const mostFirst = (a: CauseCount, b: CauseCount) =>
    b.sessions - a.sessions || String(a.cause).localeCompare(String(b.cause));
  return {
    nasIp: address,
    nasName: clock?.[2] === null || clock?.[2] === undefined ? null : String(clock[2]),
    online: Number(clock?.[3] ?? 0),
    stale: Number(clock?.[4] ?? 0),
    causes: { lastHour: lastHour.sort(mostFirst), lastDay: lastDay.sort(mostFirst) },
    lastAccountingOn,
    readAt: isoTime(String(clock?.[1])) ?? '',
  };
}
