import { defaultDropThresholds } from '@contract';
import { describe, expect, it } from 'vitest';
import { detectDrops } from '../../../src-main/nas-health/drop-detection';
import { onlineSeries, thinSeries } from '../../../src-main/nas-health/online-series';
import { pillWas } from '../../../src-main/nas-health/pill-health';
import type { NasEvents, OnlineEvents } from '../../../src-main/radius-db';

/** Minute buckets 100…120 (edges 6000 s…), now 20 s into bucket 121. */
function events(perNas: NasEvents[]): OnlineEvents {
  return {
    readAt: '1970-01-01T02:00:20Z',
    now: 7220,
    bucketSeconds: 60,
    firstBucket: 100,
    lastBucket: 121,
    perNas,
  };
}

function nas(
  online: number,
  starts: Record<number, number> = {},
  stops: Record<number, number> = {},
  outage: Record<number, number> = {},
): NasEvents {
  const map = (counts: Record<number, number>) =>
    new Map(Object.entries(counts).map(([bucket, n]) => [Number(bucket), n]));
  return {
    nasIp: '127.0.10.3',
    nasName: 'bng-south-1',
    online,
    starts: map(starts),
    stops: map(stops),
    outageStops: map(outage),
  };
}

describe('online counts from bucket counts', () => {
  it('step back from the count now across each bucket: ends add, starts take away', () => {
    const series = onlineSeries(events([nas(10, { 121: 2, 110: 5 }, { 115: 4 })]));
    expect(series.times.at(-1)).toBe(7220);
    expect(series.times[0]).toBe(6000);
    const counts = series.perNas.get('127.0.10.3')!;
    expect(counts.at(-1)).toBe(10);
    // Edge 120 is before the 2 starts of bucket 121.
    expect(counts[20]).toBe(8);
    expect(counts[15]).toBe(8);
    // Before bucket 115's 4 ends, they were online.
    expect(counts[14]).toBe(12);
    // Before bucket 110's 5 starts, they were not.
    expect(counts[9]).toBe(7);
    expect(series.total).toEqual(counts);
  });

  it('thin to aligned edges and keep now', () => {
    const thin = thinSeries(onlineSeries(events([nas(3)])), 5);
    expect(thin.buckets).toEqual([100, 105, 110, 115, 120, 121]);
  });
});

describe('drop detection', () => {
  it('one drop however many points see it, anchored where it was first seen', () => {
    // 150 online until bucket 112, where 150 ended (NAS-Reboot) and nobody came back.
    const south = nas(0, {}, { 112: 150 }, { 112: 150 });
    const series = onlineSeries(events([south]));
    const drops = detectDrops(series, [south], 60, defaultDropThresholds, 0);
    expect(drops).toEqual([
      {
        nasIp: '127.0.10.3',
        anchorBucket: 112,
        before: 150,
        after: 0,
        // Stops from a window before the first alarming edge to the last one (the peak
        // leaves the window five minutes after the drop).
        windowFrom: 107 * 60,
        windowTo: 116 * 60,
      },
    ]);
    expect(pillWas(series.perNas.get('127.0.10.3')!, series.times, [], '127.0.10.3')).toEqual({
      count: 150,
      at: new Date(112 * 60 * 1000).toISOString(),
    });
  });

  it('is quiet below the thresholds and for a NAS that never had sessions', () => {
    const small = nas(5, {}, { 112: 15 }, { 112: 15 });
    expect(
      detectDrops(onlineSeries(events([small])), [small], 60, defaultDropThresholds, 0),
    ).toEqual([]);
    const idle = nas(0);
    const series = onlineSeries(events([idle]));
    expect(detectDrops(series, [idle], 60, defaultDropThresholds, 0)).toEqual([]);
    expect(pillWas(series.perNas.get('127.0.10.3')!, series.times, [], '127.0.10.3')).toBeNull();
  });

  it('a mass end with an outage cause alarms even when the sessions come straight back', () => {
    const flapping = nas(400, { 113: 60 }, { 112: 60 }, { 112: 60 });
    const drops = detectDrops(
      onlineSeries(events([flapping])),
      [flapping],
      60,
      defaultDropThresholds,
      0,
    );
    expect(drops.map((drop) => drop.anchorBucket)).toEqual([112]);
  });

  it('drops first seen in the padding before the span are left out', () => {
    const south = nas(0, {}, { 103: 150 }, { 103: 150 });
    const series = onlineSeries(events([south]));
    expect(detectDrops(series, [south], 60, defaultDropThresholds, 5)).toEqual([]);
    expect(detectDrops(series, [south], 60, defaultDropThresholds, 3)).toHaveLength(1);
  });
});
