import { describe, expect, it } from 'vitest';
import { parseFreeradiusDate } from '../../../src-main/radius-db/freeradius-date';

describe('FreeRADIUS Expiration dates', () => {
  it('reads the forms admins write, in the server zone', () => {
    expect(parseFreeradiusDate('21 Nov 2026 10:00', 'UTC')).toBe('2026-11-21T10:00:00.000Z');
    expect(parseFreeradiusDate('Nov 21 2026 10:00:30', 'UTC')).toBe('2026-11-21T10:00:30.000Z');
    expect(parseFreeradiusDate('21 November 2026', 'UTC')).toBe('2026-11-21T00:00:00.000Z');
    expect(parseFreeradiusDate('Nov 21, 2026 23:59', 'UTC')).toBe('2026-11-21T23:59:00.000Z');
    expect(parseFreeradiusDate('2026-11-21 10:00', 'UTC')).toBe('2026-11-21T10:00:00.000Z');
    expect(parseFreeradiusDate('1795255200', 'UTC')).toBe('2026-11-21T10:00:00.000Z');
    // Berlin is UTC+1 in November and UTC+2 in July.
    expect(parseFreeradiusDate('21 Nov 2026 10:00', 'Europe/Berlin')).toBe(
      '2026-11-21T09:00:00.000Z',
    );
    expect(parseFreeradiusDate('21 Jul 2026 10:00', 'Europe/Berlin')).toBe(
      '2026-07-21T08:00:00.000Z',
    );
  });

  it('reads an unknown zone as UTC rather than failing', () => {
    expect(parseFreeradiusDate('21 Nov 2026 10:00', '<+03>-03')).toBe('2026-11-21T10:00:00.000Z');
  });

  it('refuses what is not a real date instead of guessing', () => {
    for (const text of [
      '31 Feb 2026 10:00',
      'tomorrow',
      '21 Nov',
      '21 Nov 2026 25:00',
      'Nov 2026',
      '',
    ]) {
      expect(parseFreeradiusDate(text, 'UTC'), text).toBeNull();
    }
  });
});
