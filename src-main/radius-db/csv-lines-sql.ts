import { csvColumns, sessionRowLength } from '@contract';
import pg from 'pg';

// The sessions CSV written by PostgreSQL: the columns of sessionCsvLine (csv-format.ts) as
// COPY's CSV writer should print them, so the file is the same bytes. COPY quotes exactly
// where quoteCsvField does (a comma, quote, CR or LF); what is left to SQL is the formula
// neutralisation, the ISO times, and empty text as NULL (COPY prints '' as ""). COPY ends
// lines with LF: crlf-lines.ts makes them CRLF. csv-copy.test.ts compares both writers.

// JavaScript's \s, character by character: PostgreSQL's own \s depends on the locale.
const jsWhitespace =
  '\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const triggers = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20';
/** csv-format.ts's formulaStart. */
const formulaStart = `^'*(?:[\\t\\r\\n]|[${jsWhitespace}]*[${triggers}])`;
// The ASCII characters a formula can start with (after apostrophes); beyond ASCII the
// regular expression decides. ascii() reads one character: most values are spared the rest.
const asciiStarts = [...`'\t\n\u000b\f\r =+-@`].map((char) => char.charCodeAt(0)).join(', ');

const literal = (text: string) => pg.escapeLiteral(text);

/** neutraliseCsvText on a text value; empty text as NULL, which COPY prints as nothing. */
function textField(value: string): string {
  return `CASE WHEN ascii(${value}) IN (${asciiStarts}) OR ascii(${value}) > 127
    THEN CASE WHEN ${value} ~ ${literal(formulaStart)} THEN '''' || ${value} ELSE ${value} END
    ELSE nullif(${value}, '') END`;
}

/**
 * isoTime: PostgreSQL's UTC text ("2026-11-21 08:00:00.5+00") with T and Z, infinity as it
 * is. Plain replace(): a regular expression per time costs more than the rest of the row.
 * (A BC or five-digit year would differ from isoTime; accounting has neither.)
 */
function timeField(value: string): string {
  return `replace(replace(${value}, ' ', 'T'), '+00', 'Z')`;
}

/**
 * The CSV columns for COPY (FORMAT csv), from a query whose columns are the SessionRow
 * fields in order (sessionPageSql's export form). `exportedAt` fills the last column. The
 * session must run with TimeZone = UTC, as the pool's do.
 */
export function csvColumnsSql(rowsSql: string, exportedAt: string): string {
  const names = Array.from({ length: sessionRowLength }, (_, index) => `c${index}`);
  const fields = csvColumns.map((column) => {
    if (column.field === null) return literal(exportedAt);
    const value = `s.${names[column.field]}`;
    if (column.kind === 'text') return textField(`${value}::text`);
    if (column.kind === 'time') return timeField(`${value}::text`);
    return value;
  });
  return `SELECT ${fields.join(',\n  ')}
    FROM (${rowsSql}) s(${names.join(', ')})`;
}

/** The query's $n parameters written in as literals: COPY takes no parameters. */
export function inlineParameters(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (placeholder, number: string) => {
    const value = values[Number(number) - 1];
    if (value === undefined) throw new Error(`No value for ${placeholder}.`);
    if (value === null) return 'NULL';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    return literal(String(value));
  });
}
