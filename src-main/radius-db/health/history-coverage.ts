import type { HistoryCoverage } from '@contract';
import type { DbQueries } from '../db-queries';
import type { RadacctTime } from './radacct-times';

/**
 * Without an index on acctstoptime, sessions that ended in a window can only be found through
 * FreeRADIUS's (acctstarttime, username) index, from a start time on: this far before the
 * window. A session that lasted longer is missing from past counts until its end.
 */
export const lookbackDays = 7;

/**
 * Whether radacct has a btree index led by acctstoptime (FreeRADIUS's optional
 * radacct_stop_user_idx, or any other): then ended sessions are found by their stop time.
 */
export async function readHistoryCoverage(db: DbQueries): Promise<HistoryCoverage> {
  const [row] = await db.objects<{ indexed: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_am am ON am.oid = c.relam
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
       WHERE i.indrelid = to_regclass('radacct') AND i.indisvalid AND i.indpred IS NULL
         AND am.amname = 'btree' AND a.attname = 'acctstoptime') AS indexed`,
    [],
  );
  return row?.indexed ? { kind: 'exact' } : { kind: 'lookback', days: lookbackDays };
}

/** Sessions whose Accounting-Stop came after `bound`, found the cheapest way coverage allows. */
export function endedAfter(
  coverage: HistoryCoverage,
  start: RadacctTime,
  stop: RadacctTime,
  bound: string,
): string {
  const ended = stop.compare('>', bound);
  if (coverage.kind === 'exact') return ended;
  return `${ended} AND ${start.compare('>', `(${bound} - make_interval(days => ${coverage.days}))`)}`;
}
