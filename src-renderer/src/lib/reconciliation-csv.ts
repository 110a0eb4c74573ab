// A reconciliation report as CSV (RFC 4180, formula-looking values defused as the session
// export does), one line per finding: ghost, unaccounted, mismatched, or a NAS not read.
import { neutraliseCsvText, quoteCsvField, type Reconciliation } from '@contract';

export const reconciliationCsvHeader = [
  'nas_ip',
  'nas_name',
  'finding',
  'username',
  'radacct_id',
  'acct_session_id',
  'radacct_framed_ip',
  'radacct_mac',
  'router_address',
  'router_caller_id',
  'router_session_id',
  'differs',
];

export function reconciliationCsv(report: Reconciliation): string {
  const lines: (string | null)[][] = [reconciliationCsvHeader];
  for (const nas of report.nas) {
    const at = [nas.nasIp, nas.nasName];
    if (nas.error)
      lines.push([...at, 'not-read', null, null, null, null, null, null, null, null, nas.error]);
    for (const row of nas.ghosts) {
      lines.push([
        ...at,
        'ghost',
        row.username,
        row.radacctId,
        row.acctSessionId,
        row.framedIp,
        row.mac,
        null,
        null,
        null,
        null,
      ]);
    }
    for (const entry of nas.unaccounted) {
      lines.push([
        ...at,
        'unaccounted',
        entry.name,
        null,
        null,
        null,
        null,
        entry.address,
        entry.callerId,
        entry.sessionId,
        null,
      ]);
    }
    for (const { row, entry, differs } of nas.mismatched) {
      lines.push([
        ...at,
        'mismatched',
        row.username,
        row.radacctId,
        row.acctSessionId,
        row.framedIp,
        row.mac,
        entry.address,
        entry.callerId,
        entry.sessionId,
        differs.join('+'),
      ]);
    }
  }
  return (
    lines
      .map((line) => line.map((value) => quoteCsvField(neutraliseCsvText(value ?? ''))).join(','))
      .join('\r\n') + '\r\n'
  );
}
