// How numbers, bytes, times and durations read on screen: short where the eye scans a
// column, exact in the tooltip. One fixed locale so counts look the same on every desk.

const grouped = new Intl.NumberFormat('en-US');

export function formatCount(value: number | bigint): string {
  return grouped.format(value);
}

// Decimal units (1 KB = 1000 B): ISPs meter and sell traffic in powers of 1000.
const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

const wholeNumber = /^-?\d+$/;

/**
 * Octets arrive as decimal strings because busy links pass 2^53 bytes; BigInt keeps the
 * arithmetic exact. One decimal place, rounded half up.
 */
export function formatBytes(octets: string | null): string {
  if (octets === null) return '';
  if (!wholeNumber.test(octets)) return octets;
  const value = BigInt(octets);
  const magnitude = value < 0n ? -value : value;
  let unit = 0;
  let divisor = 1n;
  while (unit < byteUnits.length - 1 && magnitude * 10n + divisor / 2n >= divisor * 10_000n) {
    divisor *= 1000n;
    unit += 1;
  }
  if (unit === 0) return `${grouped.format(value)} B`;
  const tenths = (magnitude * 10n + divisor / 2n) / divisor;
  const sign = value < 0n ? '-' : '';
  return `${sign}${grouped.format(tenths / 10n)}.${tenths % 10n} ${byteUnits[unit]}`;
}

export function exactBytes(octets: string | null): string {
  if (octets === null) return 'not reported';
  if (!wholeNumber.test(octets)) return octets;
  return `${grouped.format(BigInt(octets))} bytes`;
}

const two = (value: number): string => String(value).padStart(2, '0');

/** "3d 04:12:09", or "04:12:09" under a day. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const clock = `${two(Math.floor((seconds % 86_400) / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Local wall-clock time of day: "03:12:09". */
export function formatLocalClock(iso: string | null): string {
  if (iso === null) return '';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
}

/** Local wall-clock time, sortable by eye: "2025-11-21 03:12:09". */
export function formatLocalTime(iso: string | null): string {
  if (iso === null) return '';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const date = `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())}`;
  return `${date} ${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
}

/** "3 s ago", "4 min ago", "2 h ago", "3 d ago". */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/**
 * A hot standby's lag beside "updated N s ago": how far behind the primary what is shown may
 * be. null: the standby cannot tell (it has replayed nothing since it started).
 */
export function formatStandbyLag(lagSeconds: number | null): string {
  if (lagSeconds === null) return 'standby, no lag known';
  const seconds = Math.floor(lagSeconds);
  if (seconds < 60) return `standby, lag ${seconds} s`;
  if (seconds < 3600) return `standby, lag ${Math.floor(seconds / 60)} min`;
  return `standby, lag ${Math.floor(seconds / 3600)} h`;
}
