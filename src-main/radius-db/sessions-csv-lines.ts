import {
  csvColumns,
  neutraliseCsvText,
  quoteCsvField,
  sessionRowLength,
  type CsvColumnKind,
} from '@contract';
import { isUtcTimestamp } from './iso-time';

// COPY (FORMAT csv) prints a page query's SessionRow fields; the sessions CSV (csv-format.ts)
// differs in four ways, mended here on the bytes as they stream in, while PostgreSQL goes
// on printing: text that would start a formula gets its apostrophe, times are ISO
// ("2026-11-21 08:00:00.5+00" → "2026-11-21T08:00:00.5Z"), empty text ('' prints as "")
// is an empty field, and each line ends with the exported-at column and CRLF. Done in SQL,
// the checks made PostgreSQL's work a quarter longer than the bare COPY (600 against 480 ms
// for 100,000 rows); here they overlap with it (505 ms).

const comma = 0x2c;
const lf = 0x0a;
const quote = 0x22;
const upperT = 0x54;
const upperZ = 0x5a;

/**
 * First bytes of a text field that can be copied as they are: printable ASCII that is not
 * whitespace, an apostrophe, a quote (COPY quoted the field) or one of = + - @. A formula
 * starts with one of those, or with whitespace or a full-width sign (bytes past 0x7f), so
 * a field starting with any other byte is what neutraliseCsvText returns unchanged, and
 * COPY left it unquoted because quoteCsvField would too. The rest go the slow way, through
 * the JavaScript writer's own functions.
 */
const copiesAsIs = new Uint8Array(256);
for (let byte = 0x21; byte < 0x7f; byte += 1) copiesAsIs[byte] = 1;
for (const char of `"'=+-@`) copiesAsIs[char.charCodeAt(0)] = 0;

// The kind of each SessionRow field, in COPY's column order (csvColumns lists them in
// SessionRow order, then the exported-at column this class adds).
const fieldKinds: readonly CsvColumnKind[] = csvColumns
  .slice(0, sessionRowLength)
  .map((column, index) => {
    if (column.field !== index) throw new Error('csvColumns must list SessionRow in order.');
    return column.kind;
  });

export class SessionsCsvLines {
  /** Lines (sessions) written so far. */
  lines = 0;
  /** The start of a line the last chunk ended in: read again with the next. */
  #pending: Buffer | null = null;
  readonly #lineEnd: Buffer;

  constructor(exportedAt: string) {
    this.#lineEnd = Buffer.from(`,${quoteCsvField(exportedAt)}\r\n`, 'utf8');
  }

  convert(chunk: Buffer): { text: Buffer; lines: number } {
    const input = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = null;
    const output = new Output(input.length, this.#lineEnd.length);
    let lineStart = 0;
    let lines = 0;
    while (lineStart < input.length) {
      const next = this.#line(input, lineStart, output);
      if (next === null) break;
      lineStart = next;
      lines += 1;
    }
    if (lineStart < input.length) this.#pending = Buffer.from(input.subarray(lineStart));
    this.lines += lines;
    return { text: output.done(), lines };
  }

  /** Writes the line starting at `start`; returns where the next starts, or null (incomplete). */
  #line(input: Buffer, start: number, output: Output): number | null {
    const mark = output.length;
    // Bytes from `run` on are copied in one go when something is written in between.
    let run = start;
    let at = start;
    for (let field = 0; field < sessionRowLength; field += 1) {
      const last = field === sessionRowLength - 1;
      const quoted = input[at] === quote;
      const end = fieldEnd(input, at, last, quoted);
      if (end === -1) {
        output.truncate(mark);
        return null;
      }
      const kind = fieldKinds[field];
      if (kind === 'time' && isUtcTimestamp(input, at, end)) {
        output.copy(input, run, at + 10);
        output.byte(upperT);
        output.copy(input, at + 11, end - 3);
        output.byte(upperZ);
        run = end;
      } else if (kind === 'text' && end > at && (quoted || !copiesAsIs[input[at]!])) {
        output.copy(input, run, at);
        output.text(slowField(input.toString('utf8', at, end), quoted));
        run = end;
      }
      if (input[end] !== (last ? lf : comma)) {
        throw new Error(`COPY sent a line of other than ${sessionRowLength} fields.`);
      }
      at = end + 1;
    }
    // The LF itself is replaced by the exported-at column and CRLF.
    output.copy(input, run, at - 1);
    output.bytes(this.#lineEnd);
    return at;
  }
}

/**
 * The index of the comma (or, for the last field, the LF) after the field starting at `at`;
 * -1 when the line goes on in the next chunk.
 */
function fieldEnd(input: Buffer, at: number, last: boolean, quoted: boolean): number {
  // Unquoted: COPY quoted any value holding a comma, a quote, CR or LF.
  if (!quoted) return input.indexOf(last ? lf : comma, at);
  let from = at + 1;
  for (;;) {
    const closing = input.indexOf(quote, from);
    if (closing === -1 || closing + 1 >= input.length) return -1;
    // A doubled quote is a quote inside the field.
    if (input[closing + 1] !== quote) return closing + 1;
    from = closing + 2;
  }
}

/** A text field the fast path left: unquoted, neutralised and quoted as the writer does. */
function slowField(raw: string, quoted: boolean): string {
  const value = quoted ? raw.slice(1, -1).replaceAll('""', '"') : raw;
  return quoteCsvField(neutraliseCsvText(value));
}

/** A byte buffer that grows: a line's output can be longer than its input. */
class Output {
  #buffer: Buffer;
  length = 0;

  constructor(inputLength: number, lineEndLength: number) {
    // Room for the input and, for lines of ~250 bytes, their added ends.
    this.#buffer = Buffer.allocUnsafe(inputLength + Math.ceil(inputLength / 64) * lineEndLength);
  }

  #room(bytes: number): void {
    if (this.length + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.length + bytes));
    this.#buffer.copy(grown, 0, 0, this.length);
    this.#buffer = grown;
  }

  copy(source: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.#room(to - from);
    this.length += source.copy(this.#buffer, this.length, from, to);
  }

  byte(value: number): void {
    this.#room(1);
    this.#buffer[this.length] = value;
    this.length += 1;
  }

  bytes(value: Buffer): void {
    this.copy(value, 0, value.length);
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  truncate(length: number): void {
    this.length = length;
  }

  done(): Buffer {
    return this.#buffer.subarray(0, this.length);
  }
}
