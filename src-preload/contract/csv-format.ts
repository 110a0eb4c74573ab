// The sessions CSV Session Desk exports and reads back offline: one definition for the
// writer in main and the reader in the renderer, so a file exported today opens tomorrow.
// RFC 4180 (CRLF, fields quoted when they hold a comma, quote, CR or LF; quotes doubled),
// UTF-8 with no byte-order mark, one header line of the names below.
import { F, type SessionRow } from './sessions';

/** What one column holds, and so how it is written and read. */
export type CsvColumnKind = 'text' | 'time' | 'integer';

export interface CsvColumn {
  /** The header name: stable, so scripts and spreadsheets can rely on it. */
  header: string;
  kind: CsvColumnKind;
  /** The SessionRow field it carries, or null for a column about the file itself. */
  field: (typeof F)[keyof typeof F] | null;
  /** A file without it still opens (the value is then empty). */
  optional: boolean;
}

const column = (
  header: string,
  kind: CsvColumnKind,
  field: CsvColumn['field'],
  optional = true,
): CsvColumn => ({ header, kind, field, optional });

/**
 * Every column of the Sessions table, then the three the issue adds (stop time, terminate
 * cause, session id are table columns already), then the session's IPv6 (optional: files
 * written before dual-stack lack them), then when the file was written.
 * Times are ISO 8601 with an offset; octets exact decimal integers; duration in seconds.
 */
export const csvColumns: readonly CsvColumn[] = [
  column('radacct_id', 'integer', F.id, false),
  column('username', 'text', F.username, false),
  column('full_name', 'text', F.fullName),
  column('service', 'text', F.service),
  column('nas_ip', 'text', F.nasIp, false),
  column('nas_name', 'text', F.nasName),
  column('framed_ip', 'text', F.framedIp),
  column('mac', 'text', F.mac),
  column('acct_session_id', 'text', F.acctSessionId),
  column('acct_start_time', 'time', F.startTime),
  column('acct_stop_time', 'time', F.stopTime),
  column('acct_session_time', 'integer', F.sessionTime),
  column('download_bytes', 'integer', F.download),
  column('upload_bytes', 'integer', F.upload),
  column('acct_terminate_cause', 'text', F.terminateCause),
  column('acct_update_time', 'time', F.updateTime),
  column('framed_ipv6_address', 'text', F.framedIpv6Address),
  column('framed_ipv6_prefix', 'text', F.framedIpv6Prefix),
  column('delegated_ipv6_prefix', 'text', F.delegatedIpv6Prefix),
  column('framed_interface_id', 'text', F.framedInterfaceId),
  column('exported_at', 'time', null),
];

/** A file is a sessions export when its header holds every required column by name. */
export const requiredCsvHeaders = csvColumns.filter((c) => !c.optional).map((c) => c.header);

// A spreadsheet runs a cell as a formula (or DDE command) when it starts with = + - @, tab,
// CR or LF, also after leading whitespace, and also in the full-width forms ＝ ＋ － ＠ (OWASP's
// CSV injection list). \s covers tab, CR, LF, the no-break and the ideographic space.
const trigger = String.raw`(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])`;
const formulaStart = new RegExp(`^'*${trigger}`);
const neutralised = new RegExp(`^'+${trigger}`);

/**
 * Makes a text value safe to open in a spreadsheet: a value that would start a formula gets
 * a leading apostrophe. Reversible: a value that already starts with apostrophes before a
 * formula character gets one more, so `restoreCsvText` can always take exactly one off.
 */
export function neutraliseCsvText(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** The value as it was before `neutraliseCsvText`. */
export function restoreCsvText(value: string): string {
  return neutralised.test(value) ? value.slice(1) : value;
}

/** One field as RFC 4180 writes it: quoted only when it must be. */
export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvHeaderLine = csvColumns.map((c) => c.header).join(',');

/**
 * One session as a CSV line (without the line break). Null is an empty field. A plain loop
 * rather than map/join: an export writes 100,000 of these, and this halves their cost.
 */
export function sessionCsvLine(row: SessionRow, exportedAt: string): string {
  let line = '';
  for (let index = 0; index < csvColumns.length; index += 1) {
    const column = csvColumns[index]!;
    const value = column.field === null ? exportedAt : row[column.field];
    if (index > 0) line += ',';
    if (value === null) continue;
    const text = typeof value === 'string' ? value : String(value);
    line += quoteCsvField(column.kind === 'text' ? neutraliseCsvText(text) : text);
  }
  return line;
}
