// A sessions export (csv-format.ts) read back into SessionRows: columns found by header
// name, so a file with columns reordered, optional ones missing or extra ones added still
// opens; every value checked, and the first bad one named by line and column.
import {
  csvColumns,
  restoreCsvText,
  type CsvColumn,
  type CsvColumnKind,
  type SessionRow,
} from '@contract';
import { CsvFileError } from './csv-file-error';
import { CsvRecordParser } from './csv-record-parser';

/** What an export file holds. */
export interface SessionExport {
  rows: SessionRow[];
  /** When the file was written (ISO 8601); null when it holds no rows or no such column. */
  exportedAt: string | null;
}

/** Where a column of the file goes in a SessionRow. */
interface Placement {
  index: number;
  column: CsvColumn;
  field: number;
  /** Few distinct values (a NAS, a service): one string kept for all rows that share it. */
  shared: boolean;
}

// One string for every row on the same NAS or service: about 9 MB less of 80 for 100,000 rows.
const sharedHeaders: ReadonlySet<string> = new Set([
  'service',
  'nas_ip',
  'nas_name',
  'acct_terminate_cause',
]);
/** Past this many distinct values a column is not repetitive after all: stop sharing. */
const sharedValuesLimit = 10_000;

const radacctId = /^\d{1,19}$/;
// What the exporter writes: ISO 8601 with an offset; PostgreSQL's infinity passes as is.
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)$|^-?infinity$/;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** A whole number, tested without a regular expression: a file holds 400,000 of them. */
function isWholeNumber(value: string): boolean {
  const from = value.charCodeAt(0) === 45 ? 1 : 0;
  if (value.length === from) return false;
  for (let i = from; i < value.length; i += 1) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

// The exporter's own shape, "2026-11-21T08:00:00Z" or with a fraction: tested by position
// first, as a file holds 300,000 of them; anything else goes through isoTime.
const timeShape = 'dddd-dd-ddTdd:dd:dd';
function isUtcExportTime(value: string): boolean {
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== 90) return false;
  for (let i = 0; i < timeShape.length; i += 1) {
    const code = value.charCodeAt(i);
    if (timeShape[i] === 'd' ? !isDigit(code) : code !== timeShape.charCodeAt(i)) return false;
  }
  if (length === 20) return true;
  if (value.charCodeAt(19) !== 46 || length === 21) return false;
  for (let i = 20; i < length - 1; i += 1) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

const kindWords: Record<Exclude<CsvColumnKind, 'text'>, string> = {
  integer: 'a whole number',
  time: 'an ISO 8601 time with an offset',
};

function quoteForMessage(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

export class SessionCsvReader {
  #parser = new CsvRecordParser((fields, line) => this.#record(fields, line));
  #header: string[] | null = null;
  #placements: Placement[] = [];
  #exportedAtIndex = -1;
  #rows: SessionRow[] = [];
  #exportedAt: string | null = null;
  #sharedValues = new Map<string, string>();

  /** Lines begun so far. */
  get line(): number {
    return this.#parser.line;
  }

  push(text: string): void {
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      // Roughly where: the parser's line plus the line breaks before the NUL in this chunk.
      const line = this.#parser.line + (text.slice(0, nul).match(/\n/g)?.length ?? 0);
      throw new CsvFileError(
        'not a text CSV: the file holds NUL bytes (is it a spreadsheet or a compressed file?).',
        line,
      );
    }
    this.#parser.push(text);
  }

  end(): SessionExport {
    this.#parser.end();
    if (this.#header === null) throw new CsvFileError('the file is empty.');
    return { rows: this.#rows, exportedAt: this.#exportedAt };
  }

  #record(fields: string[], line: number): void {
    // A blank line (an editor's trailing newline, say) holds no session.
    if (fields.length === 1 && fields[0] === '') return;
    if (this.#header === null) this.#readHeader(fields, line);
    else this.#rows.push(this.#session(fields, line));
  }

  #readHeader(fields: string[], line: number): void {
    const names = fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
    const positions = new Map<string, number>();
    names.forEach((name, i) => {
      if (!positions.has(name)) positions.set(name, i);
    });
    const missing = csvColumns.filter((c) => !c.optional && !positions.has(c.header));
    if (missing.length > 0) {
      throw new CsvFileError(
        `not a Session Desk sessions export: the header has no ${missing
          .map((c) => c.header)
          .join(', ')} column${missing.length > 1 ? 's' : ''}.`,
        line,
      );
    }
    this.#header = names;
    for (const column of csvColumns) {
      const index = positions.get(column.header);
      if (index === undefined) continue;
      if (column.field === null) this.#exportedAtIndex = index;
      else
        this.#placements.push({
          index,
          column,
          field: column.field,
          shared: sharedHeaders.has(column.header),
        });
    }
  }

  #session(fields: string[], line: number): SessionRow {
    const expected = this.#header?.length ?? 0;
    if (fields.length !== expected) {
      throw new CsvFileError(
        `${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${expected} ` +
          '(a value with a comma, quote or line break must be quoted).',
        line,
      );
    }
    const row: SessionRow = [
      '',
      '',
      null,
      null,
      '',
      null,
      null,
      null,
      '',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ];
    const cells = row as unknown as (string | number | null)[];
    for (const { index, column, field, shared } of this.#placements) {
      const value = fields[index] as string;
      // The row starts with every field empty: '' where it cannot be null, null elsewhere.
      if (value === '') {
        if (field === 0) throw new CsvFileError(`column radacct_id is empty.`, line);
        continue;
      }
      cells[field] = shared ? this.#shared(value) : this.#value(value, column, field, line);
    }
    if (this.#exportedAtIndex >= 0 && this.#exportedAt === null) {
      const stamp = fields[this.#exportedAtIndex] as string;
      if (stamp !== '') this.#exportedAt = this.#checked(stamp, 'time', 'exported_at', line);
    }
    return row;
  }

  #shared(value: string): string {
    const known = this.#sharedValues.get(value);
    if (known !== undefined) return known;
    const restored = value.charCodeAt(0) === 39 ? restoreCsvText(value) : value;
    if (this.#sharedValues.size < sharedValuesLimit) this.#sharedValues.set(value, restored);
    return restored;
  }

  #value(value: string, column: CsvColumn, field: number, line: number): string | number {
    // Only a value starting with an apostrophe can have been neutralised (a cheap test first).
    if (column.kind === 'text') return value.charCodeAt(0) === 39 ? restoreCsvText(value) : value;
    if (field === 0 && !radacctId.test(value)) {
      throw new CsvFileError(
        `column radacct_id: ${quoteForMessage(value)} is not a radacct id.`,
        line,
      );
    }
    const checked = this.#checked(value, column.kind, column.header, line);
    // Only the session time becomes a number: octets pass 2^53 and stay exact as text.
    return column.header === 'acct_session_time' ? Number(checked) : checked;
  }

  #checked(
    value: string,
    kind: Exclude<CsvColumnKind, 'text'>,
    header: string,
    line: number,
  ): string {
    const ok =
      kind === 'integer'
        ? isWholeNumber(value) &&
          (header !== 'acct_session_time' || Number.isSafeInteger(Number(value)))
        : isUtcExportTime(value) || isoTime.test(value);
    if (!ok) {
      throw new CsvFileError(
        `column ${header}: ${quoteForMessage(value)} is not ${kindWords[kind]}.`,
        line,
      );
    }
    return value;
  }
}

function decodeError(line: number): CsvFileError {
  return new CsvFileError(
    'not a text CSV: the file is not valid UTF-8 (is it a spreadsheet or a compressed file?).',
    line,
  );
}

/** Reads an export from its bytes, chunk by chunk as they arrive. */
export async function readSessionCsv(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<SessionExport> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = new SessionCsvReader();
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw decodeError(reader.line);
    }
  };
  for await (const chunk of chunks) reader.push(decode(chunk));
  reader.push(decode());
  return reader.end();
}

/** Reads an export from text already decoded (tests, and a small file). */
export function readSessionCsvText(text: string): SessionExport {
  const reader = new SessionCsvReader();
  reader.push(text);
  return reader.end();
}
