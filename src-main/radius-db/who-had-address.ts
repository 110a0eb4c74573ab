import { isIP } from 'node:net';
import { canonicalIpv6, whoHadLimit, type WhoHadResult } from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import { addressKind, type DetectedSchema } from './detected-schema';
import { ipv6ContainsSql } from './ipv6-columns';
import { scopeSql } from './scope-sql';
import { whereSql } from './session-filter-sql';
import { toSessionRow } from './session-row';
import type { SessionSql } from './session-sql';
import { SqlParams } from './sql-params';

/** An address as typed: an IP literal (IPv6 in canonical form), or a MAC in any spelling. */
export function parseAddress(typed: string): { kind: 'ip' | 'ipv6' | 'mac'; value: string } {
  const text = typed.trim();
  const ipv6 = canonicalIpv6(text);
  if (ipv6 !== null) return { kind: 'ipv6', value: ipv6 };
  if (isIP(text) !== 0) return { kind: 'ip', value: text };
  const hex = text.toLowerCase().replace(/[:\-. ]/g, '');
  if (/^[0-9a-f]{12}$/.test(hex)) return { kind: 'mac', value: hex };
  throw new OperatorError(
    'INVALID_INPUT',
    `"${text}" is neither an IP address nor a MAC address. Type e.g. 100.64.1.5, ` +
      '2001:db8:aa10:100::1 or AA:BB:CC:DD:EE:FF.',
  );
}

/**
 * "Who had this IP (or MAC) at this time": the sessions whose [start, stop) — [start, now)
 * while open — contains the moment, under the operator's scope. Several answers are
 * possible (a stale open session overlapping its successor), so all are listed.
 */
export async function whoHadAddress(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  input: { address: string; at: string },
  scope: OperatorScope,
): Promise<WhoHadResult> {
  const address = parseAddress(input.address);
  const params = new SqlParams();
  const at = params.add(input.at, 'timestamptz');
  const start = sql.sortKeys.startTime.sql;
  const stop = sql.sortKeys.stopTime.sql;
  const conditions = [
    `${start} <= ${at}`,
    `((r.acctstoptime IS NULL AND ${at} <= statement_timestamp()) OR ${stop} > ${at})`,
  ];
  if (address.kind === 'ipv6') {
    // Containment: the address is in the session's /64 WAN or /56 delegated prefix.
    conditions.push(ipv6ContainsSql(schema, address.value, params) ?? noIpv6Columns());
  } else if (address.kind === 'ip') {
    const framed = addressKind(schema.radacct.get('framedipaddress'));
    conditions.push(
      framed === 'inet'
        ? `r.framedipaddress = ${params.add(address.value, 'inet')}`
        : `btrim(r.framedipaddress::text) = ${params.add(address.value, 'text')}`,
    );
  } else {
    conditions.push(
      `regexp_replace(lower(r.callingstationid::text), '[^0-9a-f]', '', 'g') = ${params.add(address.value, 'text')}`,
    );
  }
  const scoped = scopeSql(scope, schema, params);
  if (scoped !== null) conditions.push(scoped);
  const rows = await db.arrays(
    `SELECT ${sql.selectRow} FROM ${sql.fromWithNames} ${whereSql(conditions)}
     ORDER BY ${start} DESC, r.radacctid DESC LIMIT ${params.add(whoHadLimit, 'integer')}`,
    params.values,
  );
  return {
    address: input.address.trim(),
    kind: address.kind === 'mac' ? 'mac' : 'ip',
    at: new Date(input.at).toISOString(),
    sessions: rows.map(toSessionRow),
  };
}

function noIpv6Columns(): never {
  throw new OperatorError(
    'INVALID_INPUT',
    'This radacct table has no IPv6 columns (framedipv6address, framedipv6prefix, ' +
      'delegatedipv6prefix), so no session can be found by an IPv6 address here.',
  );
}
