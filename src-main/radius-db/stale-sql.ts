import { maxStaleAfterSeconds, minStaleAfterSeconds, staleIntervals } from '@contract';
import { timeSql } from './column-sql';
import type { ColumnInfo, DetectedSchema } from './detected-schema';

/**
 * The one stale rule as SQL, for a radacct row aliased `r` (README, "Stale sessions"): the
 * table's flag and filter, the stat row's count, the subscriber and NAS pages, the sweeper
 * and the ghost close all read it from here, so they can never disagree.
 */
export interface StaleSql {
  /** The last Start or Interim-Update radacct holds, as timestamptz (NULL: none at all). */
  lastHeard: string;
  /**
   * True when an open row is stale at `now` (an SQL timestamptz). A row with no time at all
   * is not: nothing says when it went quiet, and there is no time to close it at.
   */
  isStale(now: string): string;
  /** The threshold the rule was built with, in seconds. */
  staleAfterSeconds: number;
}

export function staleSql(schema: DetectedSchema, staleAfterSeconds: number): StaleSql {
  // Inlined as a literal (checked here): every query that flags stale rows gets it without
  // a parameter of its own, and it is never text from the page.
  if (
    !Number.isInteger(staleAfterSeconds) ||
    staleAfterSeconds < minStaleAfterSeconds ||
    staleAfterSeconds > maxStaleAfterSeconds
  ) {
    throw new RangeError(`Stale threshold ${staleAfterSeconds} s is out of range.`);
  }
  const columns = schema.radacct;
  const time = (name: string): string =>
    columns.has(name) ? timeSql(`r.${name}`, columns.get(name), schema.serverTimeZone) : 'NULL';
  // FreeRADIUS sets acctupdatetime on Start and every Interim; greatest() skips a NULL.
  const lastHeard = `greatest(${time('acctstarttime')}, ${time('acctupdatetime')})`;
  const interval = intervalSql(columns.get('acctinterval'));
  return {
    lastHeard,
    staleAfterSeconds,
    isStale: (now) =>
      `coalesce(${lastHeard} < ${now} - make_interval(secs => greatest(${staleAfterSeconds}, ` +
      `${staleIntervals} * ${interval})), false)`,
  };
}

/**
 * acctinterval in seconds, 0 when it says nothing. The stock integer column is read as it
 * is: the stat row evaluates this on every online session each refresh, and a regular
 * expression per row is most of that read's cost at 150k online. Text deployments may hold
 * anything in it: there only a plain number counts.
 */
function intervalSql(info: ColumnInfo | undefined): string {
  switch (info?.udtName) {
    case undefined:
      return '0';
    case 'int2':
    case 'int4':
    case 'int8':
      // A negative interval says nothing either.
      return 'greatest(coalesce(r.acctinterval, 0), 0)';
    default:
      return `CASE WHEN btrim(r.acctinterval::text) ~ '^[0-9]{1,9}$'
         THEN btrim(r.acctinterval::text)::bigint ELSE 0 END`;
  }
}
