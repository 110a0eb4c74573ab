import pg from 'pg';
import type { AddressKind, ColumnInfo } from './detected-schema';

// SQL expressions that read a radacct column the same way whatever type the deployment
// gave it: addresses as text, times as timestamptz, counters as exact numbers.

/** A value as SQL computes it, and the type a cursor's text must be cast to to compare. */
export interface TypedSql {
  sql: string;
  type: 'text' | 'inet' | 'timestamptz' | 'bigint' | 'numeric';
}

/** inet::text is "100.64.1.5/32"; host() gives the address an operator types. */
export function addressText(column: string, kind: AddressKind): string {
  return kind === 'inet' ? `host(${column})` : column;
}

export function timeSql(column: string, info: ColumnInfo | undefined, serverZone: string): string {
  switch (info?.udtName) {
    case 'timestamptz':
      return column;
    case 'timestamp':
      // Written by FreeRADIUS in the server's zone; read it back in that zone.
      return `(${column} AT TIME ZONE ${pg.escapeLiteral(serverZone)})`;
    default:
      // Text times: an empty string means "not set"; text without an offset reads as UTC.
      return `(nullif(btrim(${column}::text), '')::timestamptz)`;
  }
}

export function numberSql(column: string, info: ColumnInfo | undefined): TypedSql {
  switch (info?.udtName) {
    case 'int2':
    case 'int4':
    case 'int8':
      return { sql: column, type: 'bigint' };
    case 'numeric':
      return { sql: column, type: 'numeric' };
    default:
      return { sql: `(nullif(btrim(${column}::text), '')::numeric)`, type: 'numeric' };
  }
}
