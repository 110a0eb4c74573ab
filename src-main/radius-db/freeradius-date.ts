// FreeRADIUS's Expiration check item is a date as an admin typed it, read by FreeRADIUS in
// its own local time: "21 Nov 2026 10:00", "Nov 21 2026 10:00:00", "21 November 2026",
// sometimes ISO ("2026-11-21 10:00") or Unix seconds. This reads those forms; anything
// else is reported as unreadable rather than guessed.

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The moment an Expiration value names, as ISO 8601 UTC, or null when it cannot be read. */
export function parseFreeradiusDate(raw: string, timeZone: string): string | null {
  const text = raw.trim();
  if (/^\d{9,11}$/.test(text)) return new Date(Number(text) * 1000).toISOString();
  const wall = isoWallTime(text) ?? namedMonthWallTime(text);
  if (!wall || !isRealDate(wall)) return null;
  return zonedToUtc(wall, timeZone).toISOString();
}

function isoWallTime(text: string): WallTime | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d?):(\d\d)(?::(\d\d))?)?$/.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
}

/** "21 Nov 2026 10:00[:00]" or "Nov 21 2026 10:00[:00]", commas allowed. */
function namedMonthWallTime(text: string): WallTime | null {
  const words = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let clock: number[] = [0, 0, 0];
  for (const word of words) {
    const lower = word.toLowerCase();
    const monthIndex = lower.length >= 3 ? months.indexOf(lower.slice(0, 3)) : -1;
    if (monthIndex >= 0 && /^[a-z]+\.?$/.test(lower) && month === null) month = monthIndex + 1;
    else if (/^\d{4}$/.test(word) && year === null) year = Number(word);
    else if (/^\d{1,2}$/.test(word) && day === null) day = Number(word);
    else if (/^\d{1,2}:\d\d(:\d\d)?$/.test(word)) clock = word.split(':').map(Number);
    else return null;
  }
  if (day === null || month === null || year === null) return null;
  return { year, month, day, hour: clock[0] ?? 0, minute: clock[1] ?? 0, second: clock[2] ?? 0 };
}

function isRealDate(wall: WallTime): boolean {
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return (
    check.getUTCMonth() === wall.month - 1 &&
    check.getUTCDate() === wall.day &&
    wall.hour < 24 &&
    wall.minute < 60 &&
    wall.second < 60
  );
}

/**
 * A wall-clock time in a named zone as a Date; twice round for DST edges. A zone Intl does
 * not know (PostgreSQL also takes POSIX forms like "<+03>-03") reads as UTC.
 */
function zonedToUtc(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let guess = asUtc;
  for (let round = 0; round < 2; round += 1) guess = asUtc - (offsetMs(guess, timeZone) ?? 0);
  return new Date(guess);
}

function offsetMs(utcMs: number, timeZone: string): number | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(utcMs));
  } catch {
    return null;
  }
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return local - Math.floor(utcMs / 1000) * 1000;
}
