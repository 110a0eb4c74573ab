// RFC 4180 records from text that arrives in chunks: fields quoted or not, quotes doubled
// inside quotes, commas and line breaks inside quotes, records ended by CRLF or LF.
// Fast path: a line with no quote is split natively (most export lines have none); a line
// with quotes is walked character by character. A record cut by a chunk boundary waits
// for the next chunk.
import { CsvFileError } from './csv-file-error';

/** Receives each record's fields and the line the record starts on. */
export type CsvRecordSink = (fields: string[], line: number) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * No session field comes near this: a record that runs on past it is an unclosed quote,
 * said at once rather than after buffering (and re-scanning) the rest of the file.
 */
const longestRecord = 1 << 20;

/** A quoted record walked to its end: its fields, where the next one starts, lines crossed. */
interface QuotedRecord {
  fields: string[];
  next: number;
  lineBreaks: number;
}

export class CsvRecordParser {
  #sink: CsvRecordSink;
  /** The start of a record whose end has not arrived yet. */
  #carried = '';
  #line = 1;

  constructor(sink: CsvRecordSink) {
    this.#sink = sink;
  }

  /** The line the next record starts on. */
  get line(): number {
    return this.#line;
  }

  push(text: string): void {
    this.#parse(this.#carried === '' ? text : this.#carried + text, false);
  }

  /** The text is complete: the last record needs no line break after it. */
  end(): void {
    const rest = this.#carried;
    this.#carried = '';
    if (rest !== '') this.#parse(rest, true);
  }

  #parse(text: string, final: boolean): void {
    let at = 0;
    const length = text.length;
    while (at < length) {
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0) {
        if (!final) break;
        lineEnd = length;
      }
      const quote = text.indexOf('"', at);
      if (quote < 0 || quote > lineEnd) {
        const contentEnd =
          lineEnd > at && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        this.#sink(text.slice(at, contentEnd).split(','), this.#line);
        this.#line += 1;
        at = lineEnd + 1;
        continue;
      }
      const record = this.#quotedRecord(text, at, final);
      if (record === null) break;
      this.#sink(record.fields, this.#line);
      this.#line += 1 + record.lineBreaks;
      at = record.next;
    }
    this.#carried = at < length ? text.slice(at) : '';
    if (this.#carried.length > longestRecord) {
      throw new CsvFileError(
        'a quoted field starts on this line and runs on for over a megabyte (a closing quote is missing).',
        this.#line,
      );
    }
  }

  /** The record starting at `at`, or null when its end is not in `text` yet. */
  #quotedRecord(text: string, at: number, final: boolean): QuotedRecord | null {
    const fields: string[] = [];
    let lineBreaks = 0;
    let i = at;
    const length = text.length;
    for (;;) {
      // One field, starting at i.
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = this.#line + lineBreaks;
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            if (!final) return null;
            throw new CsvFileError(
              'a quoted field starts here and never ends (a closing quote is missing).',
              quoteLine,
            );
          }
          lineBreaks += countLineBreaks(text, from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          if (close + 1 >= length && !final) return null;
          value += text.slice(from, close);
          i = close + 1;
          break;
        }
        fields.push(value);
        const next = text.charCodeAt(i);
        if (next === COMMA) {
          i += 1;
          continue;
        }
        if (next === CR && text.charCodeAt(i + 1) === LF)
          return { fields, next: i + 2, lineBreaks };
        if (next === LF) return { fields, next: i + 1, lineBreaks };
        if (i >= length) return { fields, next: i, lineBreaks };
        // A CR as the very last character: the LF may be in the next chunk.
        if (next === CR && i + 1 >= length)
          return final ? { fields, next: i + 1, lineBreaks } : null;
        throw new CsvFileError(
          'a quoted field has text after its closing quote; a quote inside a quoted field must be doubled ("").',
          this.#line + lineBreaks,
        );
      }
      // An unquoted field: up to the next comma or line break.
      let end = i;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === COMMA || code === LF) break;
        end += 1;
      }
      if (end >= length && !final) return null;
      const contentEnd =
        end > i && text.charCodeAt(end - 1) === CR && text.charCodeAt(end) !== COMMA
          ? end - 1
          : end;
      fields.push(text.slice(i, contentEnd));
      if (end < length && text.charCodeAt(end) === COMMA) {
        i = end + 1;
        continue;
      }
      return { fields, next: end + 1, lineBreaks };
    }
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1))
    count += 1;
  return count;
}
