import { describe, expect, it } from 'vitest';
import { StaleCounts, staleCountMaxAgeMs } from '../../../src-main/radius-db/stale-counts';

describe('StaleCounts', () => {
  const counted = { stale: 7, staleReadAt: '2026-12-01T03:00:00.000Z' };

  it('passes a count on for a minute, per scope, then asks for a new one', () => {
    let now = 1_000_000;
    const counts = new StaleCounts(() => now);
    expect(counts.recent('all')).toBeNull();
    counts.remember('all', counted, counts.begin());
    expect(counts.recent('all')).toEqual(counted);
    expect(counts.recent('reseller 2')).toBeNull();
    now += staleCountMaxAgeMs - 1;
    expect(counts.recent('all')).toEqual(counted);
    now += 1;
    expect(counts.recent('all')).toBeNull();
  });

  it('forgets every count when sessions were closed', () => {
    const counts = new StaleCounts(() => 0);
    counts.remember('all', counted, counts.begin());
    counts.remember('reseller 2', { ...counted, stale: 1 }, counts.begin());
    counts.forget();
    expect(counts.recent('all')).toBeNull();
    expect(counts.recent('reseller 2')).toBeNull();
  });

  it('does not keep a count that began before sessions were closed', () => {
    const counts = new StaleCounts(() => 0);
    const begun = counts.begin();
    counts.forget();
    counts.remember('all', counted, begun);
    expect(counts.recent('all')).toBeNull();
    counts.remember('all', counted, counts.begin());
    expect(counts.recent('all')).toEqual(counted);
  });
});
