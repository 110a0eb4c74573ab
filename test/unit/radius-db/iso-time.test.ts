import { describe, expect, it } from 'vitest';
import { isoTime, isUtcTimestamp } from '../../../src-main/radius-db/iso-time';

// PostgreSQL's timestamptz text in UTC, and everything near it that is not.
const texts = [
  '2026-11-21 08:00:00+00',
  '2026-11-21 08:00:00.5+00',
  '2026-11-21 08:00:00.123456+00',
  '0099-01-01 00:00:00+00',
  '2026-11-21 08:00:00.+00',
  '2026-11-21 08:00:00+01',
  '2026-11-21 08:00:00+00 BC',
  '10000-01-01 00:00:00+00',
  '2026-11-21T08:00:00+00',
  '2026-11-21 08:00:0a+00',
  '2026-11-21 08:00:00.5x+00',
  '2026-11-21 08:00:005+00',
  '2026-11-21 08:00:00,5+00',
  '2026-11-21 08:00+00',
  'infinity',
  '-infinity',
  '',
];

describe('a UTC timestamp read on bytes, as isoTime reads it', () => {
  it.each(texts)('agrees with isoTime on %j', (text) => {
    // Inside a longer buffer, as the export sees a field of a line.
    const line = Buffer.from(`x,${text},y`, 'latin1');
    expect(isUtcTimestamp(line, 2, 2 + text.length)).toBe(isoTime(text) !== text);
  });
});
