import { sessionRowLength } from '@contract';
import { describe, expect, it } from 'vitest';
import { SessionsCsvLines } from '../../../src-main/radius-db/sessions-csv-lines';

const exportedAt = '2026-12-02T08:00:00.000Z';

/** A COPY line of SessionRow fields: the given ones by index, the rest empty (NULL). */
function copyLine(fields: Record<number, string>): string {
  return Array.from({ length: sessionRowLength }, (_, index) => fields[index] ?? '').join(',');
}

/** Feeds `copy` in chunks of `size` bytes and returns what came out. */
function convert(copy: Buffer, size: number): { text: string; lines: number } {
  const lines = new SessionsCsvLines(exportedAt);
  const parts: Buffer[] = [];
  for (let at = 0; at < copy.length; at += size) {
    parts.push(Buffer.from(lines.convert(copy.subarray(at, at + size)).text));
  }
  return { text: Buffer.concat(parts).toString('utf8'), lines: lines.lines };
}

// Field indexes (SessionRow): 0 id, 1 username, 7 MAC, 9 start, 10 stop, 14 cause.
const copy = Buffer.from(
  [
    copyLine({ 0: '1', 1: 'u1', 7: 'C4:CA', 9: '2026-11-21 08:00:00.5+00', 12: '1000000007' }),
    copyLine({ 0: '2', 1: '=1+1', 2: '"a,b"', 7: '" =spaced"', 9: '2026-11-21 08:00:00+00' }),
    copyLine({ 0: '3', 1: '""', 3: '"two\nlines"', 5: 'Zoë 🚀', 8: '"say ""hi"""', 14: '＝x' }),
    copyLine({
      0: '4',
      1: "'=already",
      9: 'infinity',
      10: '-infinity',
      15: '10000-01-01 00:00:00+00',
    }),
  ].join('\n') + '\n',
  'utf8',
);
// The same rows as the sessions CSV has them (the JavaScript writer, csv-format.ts).
const sessionsLine = (fields: Record<number, string>) => `${copyLine(fields)},${exportedAt}\r\n`;
const expected =
  sessionsLine({ 0: '1', 1: 'u1', 7: 'C4:CA', 9: '2026-11-21T08:00:00.5Z', 12: '1000000007' }) +
  sessionsLine({ 0: '2', 1: "'=1+1", 2: '"a,b"', 7: "' =spaced", 9: '2026-11-21T08:00:00Z' }) +
  sessionsLine({ 0: '3', 3: '"two\nlines"', 5: 'Zoë 🚀', 8: '"say ""hi"""', 14: "'＝x" }) +
  sessionsLine({
    0: '4',
    1: "''=already",
    9: 'infinity',
    10: '-infinity',
    15: '10000-01-01 00:00:00+00',
  });

describe("COPY's rows as sessions CSV lines", () => {
  it('neutralises, writes ISO times, empties "" and ends lines, however the chunks fall', () => {
    for (let size = 1; size <= copy.length; size += 1) {
      const { text, lines } = convert(copy, size);
      expect(text, `chunks of ${size} bytes`).toBe(expected);
      expect(lines).toBe(4);
    }
  });

  it('refuses a line that is not a SessionRow', () => {
    const lines = new SessionsCsvLines(exportedAt);
    expect(() => lines.convert(Buffer.from('1,"x"y\n'))).toThrow(/fields/);
  });
});
