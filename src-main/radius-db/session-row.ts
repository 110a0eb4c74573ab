import type { SessionRow } from '@contract';
import { isoTime } from './iso-time';

/** One array row of the page query (SessionRow order, raw text) into a SessionRow. */
export function toSessionRow(raw: unknown[]): SessionRow {
  const text = (index: number): string | null => {
    const value = raw[index];
    return value === null || value === undefined ? null : String(value);
  };
  const sessionTime = text(11);
  return [
    text(0) ?? '',
    text(1) ?? '',
    text(2),
    text(3),
    text(4) ?? '',
    text(5),
    text(6),
    text(7),
    text(8) ?? '',
    isoTime(text(9)),
    isoTime(text(10)),
    sessionTime === null ? null : Number(sessionTime),
    text(12),
    text(13),
    text(14),
    isoTime(text(15)),
    text(16),
    text(17),
    text(18),
    text(19),
  ];
}
