// The 24-hour time fields ("who had this IP at…"): typed as the app shows times,
// "2026-11-21 10:00:00", in this workstation's zone, whatever the browser's locale (a
// datetime-local input shows a US 12-hour picker on an en-US desk).
import { formatLocalTime } from './format';

/** The field's value for a moment: "2026-11-21 10:00:00", local wall time. */
export function localInputValue(ms: number): string {
  return formatLocalTime(new Date(ms).toISOString());
}

const typedTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The moment a typed local wall time names, as ISO 8601 UTC; null when it names none
 * ("2026-02-30", "25:00", anything else). Seconds may be left out; "T" works as well as a space.
 */
export function isoFromLocalInput(value: string): string | null {
  const parts = typedTime.exec(value.trim());
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0));
  const time = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  // Date rolls 2026-02-30 over to March: a field that does not round-trip named no moment.
  const same =
    time.getFullYear() === year &&
    time.getMonth() === month! - 1 &&
    time.getDate() === day &&
    time.getHours() === hour &&
    time.getMinutes() === minute;
  return same ? time.toISOString() : null;
}

/** This workstation's time zone, as the fields and the diagnosis name it ("Europe/Madrid"). */
export function workstationZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}
