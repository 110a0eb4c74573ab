import { describe, expect, it } from 'vitest';
import { isoFromLocalInput, localInputValue } from '../../../src-renderer/src/lib/local-time-input';

describe('24-hour time fields', () => {
  it('read a typed local time with or without seconds, space or T', () => {
    const expected = new Date(2026, 10, 20, 18, 30, 0).toISOString();
    expect(isoFromLocalInput('2026-11-20 18:30')).toBe(expected);
    expect(isoFromLocalInput('2026-11-20T18:30:00')).toBe(expected);
    expect(isoFromLocalInput(' 2026-11-20 18:30:00 ')).toBe(expected);
  });

  it('refuse what names no moment: 12-hour times, impossible dates and hours', () => {
    for (const typed of [
      '11/20/2026 6:30 PM',
      '2026-11-20 6:30 PM',
      '2026-02-30 10:00',
      '2026-11-20 25:00',
      '',
    ]) {
      expect(isoFromLocalInput(typed)).toBeNull();
    }
  });

  it('write a moment as the app shows times, and read it back', () => {
    const ms = new Date(2026, 0, 5, 7, 4, 9).getTime();
    expect(localInputValue(ms)).toBe('2026-01-05 07:04:09');
    expect(isoFromLocalInput(localInputValue(ms))).toBe(new Date(ms).toISOString());
  });
});
