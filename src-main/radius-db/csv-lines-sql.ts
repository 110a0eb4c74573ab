import { csvColumns } from '@contract';
import pg from 'pg';

// The sessions CSV written by PostgreSQL: each row's whole line (CRLF included) built in SQL
// exactly as sessionCsvLine (csv-format.ts) builds it in JS, so COPY can stream the file
// and the bytes are the same. The formula neutralisation and the quoting are the contract's
// rules written as SQL; csv-copy.test.ts compares both writers byte for byte.

// JavaScript's \s, character by character: PostgreSQL's own \s depends on the locale.
const jsWhitespace =
  '\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const triggers = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20';
/** csv-format.ts's formulaStart. */
const formulaStart = `^'*(?:[\\t\\r\\n]|[${jsWhitespace}]*[${triggers}])`;
// Every character a value can start a formula with, after its apostrophes: a cheap test
// that spares most values the regular expression.
const firstCharacters = `'\t\r\n\u000b\f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff=+-@\uff1d\uff0b\uff0d\uff20`;

const literal = (text: string) => pg.escapeLiteral(text);

/**
 * neutraliseCsvText then quoteCsvField, on a text value (NULL stays NULL). Whether to quote
 * is read on the value itself: the apostrophe neutralising adds never needs quoting.
 */
function textField(value: string): string {
  const neutralised = `CASE WHEN strpos(${literal(firstCharacters)}, left(${value}, 1)) > 0
      AND ${value} ~ ${literal(formulaStart)} THEN '''' || ${value} ELSE ${value} END`;
  return `CASE WHEN strpos(${value}, '"') > 0 OR strpos(${value}, ',') > 0
      OR strpos(${value}, E'\\r') > 0 OR strpos(${value}, E'\\n') > 0
    THEN '"' || replace(${neutralised}, '"', '""') || '"' ELSE ${neutralised} END`;
}

/** isoTime: PostgreSQL's UTC text with T and Z; anything else as it is. */
function timeField(value: string): string {
  return `regexp_replace(${value}, '^(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?)\\+00$', '\\1T\\2Z')`;
}

/**
 * One text column holding each session's CSV line, from a query whose 16 columns are the
 * SessionRow fields in order (sessionPageSql's export form). `exportedAt` fills the last
 * column. The session must run with TimeZone = UTC, as the pool's do.
 */
export function csvLinesSql(rowsSql: string, exportedAt: string): string {
  const names = Array.from({ length: 16 }, (_, index) => `c${index}`);
  const fields = csvColumns.map((column, index) => {
    if (column.field === null) return literal(exportedAt);
    const value = `s.${names[index]}::text`;
    // The reader turns the duration back into a number: a whole number prints as itself.
    const sql =
      column.kind === 'text' ? textField(value) : column.kind === 'time' ? timeField(value) : value;
    return `coalesce(${sql}, '')`;
  });
  return `SELECT ${fields.join(" || ',' || ")} || E'\\r\\n'
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
