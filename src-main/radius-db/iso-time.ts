// The pool's sessions run with TimeZone = UTC and timestamps come back as PostgreSQL's raw
// text ("2026-11-21 08:00:00.5+00"), which is cheaper than building Date objects for a
// 1000-row page. This turns that text into ISO 8601 with a "Z" offset.
const utcTimestamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)\+00$/;

/** ISO 8601 in UTC with a "Z" offset, e.g. "2026-11-21T08:00:00Z"; other text (infinity, BC) as is. */
export function isoTime(raw: string | null): string | null {
  if (raw === null) return null;
  const match = utcTimestamp.exec(raw);
  return match ? `${match[1]}T${match[2]}Z` : raw;
}
