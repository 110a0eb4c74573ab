import type { DropThresholds } from '@contract';
import type { NasEvents } from '../radius-db';
import type { OnlineSeries } from './online-series';

/** One drop of one NAS, as the bucketed counts show it; drop-alerts.ts adds the details. */
export interface DropEpisode {
  nasIp: string;
  /** The bucket whose edge first met a threshold: the alert's identity. */
  anchorBucket: number;
  before: number;
  after: number;
  /** Accounting-Stops of this NAS from windowFrom (exclusive) to windowTo, epoch seconds. */
  windowFrom: number;
  windowTo: number;
}

/**
 * Drops of each NAS: a point where the NAS has lost enough of its recent peak (share and
 * count), or where enough sessions ended with an outage cause within the window. Points
 * that alarm within one window of each other are one drop, so a NAS going down raises one
 * alert however many points see it. Only drops first seen at or after `reportFrom` (an
 * index into the series) are returned: the points before it are there so that a drop near
 * the start of the span is judged with a full window behind it, as it was when it happened.
 */
export function detectDrops(
  series: OnlineSeries,
  perNas: NasEvents[],
  bucketSeconds: number,
  thresholds: DropThresholds,
  reportFrom: number,
): DropEpisode[] {
  const k = Math.max(1, Math.ceil((thresholds.windowMinutes * 60) / bucketSeconds));
  const episodes: DropEpisode[] = [];
  for (const nas of perNas) {
    const counts = series.perNas.get(nas.nasIp);
    if (!counts) continue;
    let current: { first: number; last: number; before: number } | null = null;
    const close = () => {
      if (current && current.first >= reportFrom) {
        episodes.push({
          nasIp: nas.nasIp,
          anchorBucket: series.buckets[current.first] as number,
          before: current.before,
          after: counts[current.last] as number,
          windowFrom: series.times[Math.max(0, current.first - k)] as number,
          windowTo: series.times[current.last] as number,
        });
      }
      current = null;
    };
    for (let i = 1; i < counts.length; i += 1) {
      let peak = 0;
      for (let j = Math.max(0, i - k); j < i; j += 1) peak = Math.max(peak, counts[j] as number);
      const lost = peak - (counts[i] as number);
      let outage = 0;
      for (let j = Math.max(1, i - k + 1); j <= i; j += 1) {
        outage += nas.outageStops.get(series.buckets[j] as number) ?? 0;
      }
      const alarm =
        (lost >= thresholds.minSessions && lost * 100 >= thresholds.dropPercent * peak) ||
        outage >= thresholds.massEndSessions;
      if (!alarm) continue;
      if (current && i - current.last <= k) current.last = i;
      else {
        close();
        current = { first: i, last: i, before: peak };
      }
    }
    close();
  }
  return episodes;
}
