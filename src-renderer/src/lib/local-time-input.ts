// A datetime-local input holds a wall time with no zone ("2026-11-21T10:00"): this desk's.

/** The input's value for a moment. */
export function localInputValue(ms: number): string {
  const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The moment an input's value names, as ISO 8601 UTC; null when it names none. */
export function isoFromLocalInput(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
