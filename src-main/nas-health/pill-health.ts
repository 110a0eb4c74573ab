import type { DropAlert, NasPillHealth } from '@contract';
import type { OnlineSeries } from './online-series';

/**
 * A NAS at 0 now says what it had and since when: the drop alert that took it there (its
 * "before" and first stop), or else the last count the series saw before it reached 0.
 */
export function pillWas(
  counts: number[],
  times: number[],
  alerts: DropAlert[],
  nasIp: string,
): NasPillHealth['was'] {
  const last = counts.length - 1;
  if (last < 0 || counts[last] !== 0) return null;
  let i = last - 1;
  while (i >= 0 && counts[i] === 0) i -= 1;
  if (i < 0) return null;
  const reachedZero = times[i + 1] as number;
  const drop = alerts.find(
    (alert) =>
      alert.nasIp === nasIp &&
      Date.parse(alert.from) / 1000 <= reachedZero &&
      Date.parse(alert.to) / 1000 >= (times[i] as number),
  );
  if (drop) return { count: drop.before, at: drop.from };
  return { count: counts[i] as number, at: new Date(reachedZero * 1000).toISOString() };
}

/** The series from index `from` on, for one NAS or the total. */
export function seriesFrom(series: OnlineSeries, from: number): OnlineSeries {
  return {
    buckets: series.buckets.slice(from),
    times: series.times.slice(from),
    perNas: new Map([...series.perNas].map(([ip, counts]) => [ip, counts.slice(from)])),
    total: series.total.slice(from),
  };
}
