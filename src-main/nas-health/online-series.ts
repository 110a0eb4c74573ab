import type { OnlineEvents } from '../radius-db';

/** Online counts at each bucket edge of a window and at the moment of reading. */
export interface OnlineSeries {
  /** Bucket number of each point: edge b·w, and for the last point the bucket holding now. */
  buckets: number[];
  /** Epoch seconds of each point: the edges, then now. */
  times: number[];
  /** By NAS address, in the order of events.perNas. */
  perNas: Map<string, number[]>;
  total: number[];
}

/**
 * Online at edge E = online now − starts after E + ends after E: the running sum of the
 * buckets from the current count backwards. A session that started at or before E and ended
 * after it is counted at E, exactly as "start <= E and (stop is null or stop > E)" counts it.
 */
export function onlineSeries(events: OnlineEvents): OnlineSeries {
  const w = events.bucketSeconds;
  const buckets: number[] = [];
  const times: number[] = [];
  for (let b = events.firstBucket; b < events.lastBucket; b += 1) {
    buckets.push(b);
    times.push(b * w);
  }
  buckets.push(events.lastBucket);
  times.push(events.now);

  const perNas = new Map<string, number[]>();
  const total = new Array<number>(buckets.length).fill(0);
  for (const nas of events.perNas) {
    const counts = new Array<number>(buckets.length).fill(0);
    let online = nas.online;
    for (let i = buckets.length - 1; i >= 0; i -= 1) {
      counts[i] = online;
      total[i] = (total[i] ?? 0) + online;
      // Step back across the bucket that ends at this point.
      const bucket = buckets[i] as number;
      online += (nas.stops.get(bucket) ?? 0) - (nas.starts.get(bucket) ?? 0);
    }
    perNas.set(nas.nasIp, counts);
  }
  return { buckets, times, perNas, total };
}

/** Every `step`-th bucket edge (aligned, so points do not wander between reads) and now. */
export function thinSeries(series: OnlineSeries, step: number): OnlineSeries {
  const last = series.buckets.length - 1;
  const keep: number[] = [];
  series.buckets.forEach((bucket, i) => {
    if (i === last || bucket % step === 0) keep.push(i);
  });
  const pick = (values: number[]) => keep.map((i) => values[i] as number);
  return {
    buckets: pick(series.buckets),
    times: pick(series.times),
    perNas: new Map([...series.perNas].map(([ip, counts]) => [ip, pick(counts)])),
    total: pick(series.total),
  };
}
