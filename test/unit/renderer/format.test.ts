import { describe, expect, it } from 'vitest';
import type { SessionRow } from '@contract';
import {
  exactBytes,
  formatAge,
  formatBytes,
  formatCount,
  formatDuration,
  formatStandbyLag,
} from '../../../src-renderer/src/lib/format';
import { nasLabel, sessionSeconds } from '../../../src-renderer/src/lib/session-fields';

describe('formatBytes', () => {
  it('uses decimal units with one decimal place', () => {
    expect(formatBytes('0')).toBe('0 B');
    expect(formatBytes('999')).toBe('999 B');
    expect(formatBytes('1000')).toBe('1.0 KB');
    expect(formatBytes('1536000')).toBe('1.5 MB');
    expect(formatBytes('5000000000')).toBe('5.0 GB');
  });

  it('carries a value that rounds up to 1000 into the next unit', () => {
    expect(formatBytes('999950')).toBe('1.0 MB');
    expect(formatBytes('999949')).toBe('999.9 KB');
  });

  it('stays exact past 2^53, up to the bigint maximum', () => {
    expect(exactBytes('9007199254740993')).toBe('9,007,199,254,740,993 bytes');
    expect(formatBytes('9007199254740993')).toBe('9.0 PB');
    expect(formatBytes('9223372036854775807')).toBe('9.2 EB');
  });

  it('shows nothing for a missing counter and passes odd text through', () => {
    expect(formatBytes(null)).toBe('');
    expect(exactBytes(null)).toBe('not reported');
    expect(formatBytes('n/a')).toBe('n/a');
  });
});

describe('durations and ages', () => {
  it('formats days and a clock', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 12 * 60 + 9)).toBe('3d 04:12:09');
    expect(formatDuration(-5)).toBe('00:00:00');
  });

  it('says how old the data is', () => {
    expect(formatAge(3_400)).toBe('3 s ago');
    expect(formatAge(125_000)).toBe('2 min ago');
    expect(formatAge(-200)).toBe('0 s ago');
  });

  it('groups thousands', () => {
    expect(formatCount(12_345)).toBe('12,345');
  });
});

describe('session fields', () => {
  const row = (
    start: string | null,
    stop: string | null,
    sessionTime: number | null,
  ): SessionRow => [
    '1',
    'alice@isp.example',
    null,
    null,
    '127.0.10.1',
    null,
    '100.64.0.1',
    null,
    '81000001',
    start,
    stop,
    sessionTime,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ];

  it('counts an online session live from its start', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(sessionSeconds(row('2026-11-21T09:00:00+00:00', null, 60), now)).toBe(3600);
  });

  it('takes an offline session length from the Accounting-Stop', () => {
    const session = row('2026-11-21T09:00:00Z', '2026-11-21T09:30:00Z', 1800);
    expect(sessionSeconds(session, Date.now())).toBe(1800);
  });

  it('names the NAS by address when it has no name', () => {
    expect(nasLabel(row(null, null, null))).toBe('127.0.10.1');
  });
});

describe('formatStandbyLag', () => {
  it('says the lag in whole seconds, minutes or hours, and when none is known', () => {
    expect(formatStandbyLag(0)).toBe('standby, lag 0 s');
    expect(formatStandbyLag(2.7)).toBe('standby, lag 2 s');
    expect(formatStandbyLag(125)).toBe('standby, lag 2 min');
    expect(formatStandbyLag(7300)).toBe('standby, lag 2 h');
    expect(formatStandbyLag(null)).toBe('standby, no lag known');
  });
});
