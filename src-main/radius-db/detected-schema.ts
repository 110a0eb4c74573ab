import type { SchemaSummary } from '@contract';

/** A column as information_schema describes it. */
export interface ColumnInfo {
  /** e.g. inet, text, varchar, int8, numeric, timestamptz, timestamp. */
  udtName: string;
  nullable: boolean;
}

export type TableColumns = ReadonlyMap<string, ColumnInfo>;

export type AddressKind = 'inet' | 'text';

/** Where NAS names come from, and how that table stores the NAS address. */
export type NasDirectory =
  | { source: 'nas_devices'; addressKind: AddressKind }
  | { source: 'nas'; addressKind: AddressKind }
  | { source: 'radacct' };

/** What detection found at open; every query is built from it. */
export interface DetectedSchema {
  summary: SchemaSummary;
  radacct: TableColumns;
  nasDirectory: NasDirectory;
  /**
   * FreeRADIUS's nas(nasname, secret), where CoA shared secrets live when this user may read
   * them; null otherwise. Independent of nasDirectory: a panel names NAS in nas_devices.
   */
  nasSecrets: { addressKind: AddressKind } | null;
  /** subscribers.username has a unique index, so a plain join cannot duplicate sessions. */
  subscriberNamesUnique: boolean;
  /** The server's own TimeZone, which "timestamp without time zone" values are written in. */
  serverTimeZone: string;
}

/** radacct columns every query needs; a table without them is not FreeRADIUS's. */
export const coreRadacctColumns = [
  'radacctid',
  'acctsessionid',
  'username',
  'nasipaddress',
  'framedipaddress',
  'callingstationid',
  'acctstarttime',
  'acctstoptime',
  'acctsessiontime',
  'acctinputoctets',
  'acctoutputoctets',
  'acctterminatecause',
] as const;

export function addressKind(column: ColumnInfo | undefined): AddressKind {
  return column?.udtName === 'inet' || column?.udtName === 'cidr' ? 'inet' : 'text';
}
