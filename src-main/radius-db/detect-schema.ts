import { OperatorError } from '../operator-error';
import { serverLabel, type DbProfile } from './db-profile';
import {
  addressKind,
  coreRadacctColumns,
  type ColumnInfo,
  type DetectedSchema,
  type NasDirectory,
  type TableColumns,
} from './detected-schema';
import type { DbQueries } from './db-queries';

const tablesOfInterest = ['radacct', 'nas', 'nas_devices', 'subscribers', 'services', 'resellers'];

// Tables are resolved through the search_path (to_regclass), as FreeRADIUS's own unqualified
// queries resolve them; information_schema then lists only columns this user may read.
const columnsSql = `
  SELECT wanted.name AS table_name, c.column_name, c.udt_name, c.is_nullable = 'YES' AS nullable
  FROM unnest($1::text[]) AS wanted (name)
  JOIN pg_class k ON k.oid = to_regclass(wanted.name)
  JOIN pg_namespace n ON n.oid = k.relnamespace
  JOIN information_schema.columns c ON c.table_schema = n.nspname AND c.table_name = k.relname`;

// reset_val: the pool SETs TimeZone to UTC after connecting, which leaves reset_val at the
// server's (or the database's, or the role's) own zone.
const settingsSql = `
  SELECT (SELECT reset_val FROM pg_settings WHERE name = 'TimeZone') AS server_time_zone,
         EXISTS (
           SELECT 1 FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
           WHERE i.indrelid = to_regclass('subscribers') AND i.indisunique
             AND i.indnatts = 1 AND i.indpred IS NULL AND a.attname = 'username'
         ) AS subscriber_names_unique,
         coalesce((SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass('radacct')), false)
           AS radacct_partitioned`;

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  nullable: boolean;
}

/** Reads which FreeRADIUS and panel tables exist and how their columns are typed. */
export async function detectSchema(db: DbQueries, profile: DbProfile): Promise<DetectedSchema> {
  const columns = await db.objects<ColumnRow>(columnsSql, [tablesOfInterest]);
  const tables = new Map<string, Map<string, ColumnInfo>>();
  for (const row of columns) {
    const table = tables.get(row.table_name) ?? new Map<string, ColumnInfo>();
    table.set(row.column_name, { udtName: row.udt_name, nullable: row.nullable });
    tables.set(row.table_name, table);
  }
  const radacct = requireRadacct(tables.get('radacct'), profile);
  const [settings] = await db.objects<{
    server_time_zone: string;
    subscriber_names_unique: boolean;
    radacct_partitioned: boolean;
  }>(settingsSql, []);

  const panelTables =
    hasColumns(tables, 'subscribers', [
      'id',
      'username',
      'full_name',
      'service_id',
      'reseller_id',
    ]) &&
    hasColumns(tables, 'services', ['id', 'name']) &&
    hasColumns(tables, 'resellers', ['id', 'parent_id']);
  const nasDirectory = findNasDirectory(tables);
  return {
    summary: {
      panelTables,
      nasSource: nasDirectory.source,
      addressType: addressKind(radacct.get('framedipaddress')),
      ipv6Type:
        radacct.has('framedipv6prefix') && radacct.has('delegatedipv6prefix')
          ? addressKind(radacct.get('delegatedipv6prefix'))
          : null,
      radacctPartitioned: settings?.radacct_partitioned ?? false,
    },
    radacct,
    nasDirectory,
    nasSecrets: hasColumns(tables, 'nas', ['nasname', 'secret'])
      ? { addressKind: addressKind(tables.get('nas')?.get('nasname')) }
      : null,
    subscriberNamesUnique: settings?.subscriber_names_unique ?? false,
    serverTimeZone: settings?.server_time_zone ?? 'UTC',
  };
}

function requireRadacct(radacct: TableColumns | undefined, profile: DbProfile): TableColumns {
  const where = `database "${profile.database}" on ${serverLabel(profile)}`;
  if (!radacct) {
    throw new OperatorError(
      'NOT_FREERADIUS',
      `This database has no radacct table: ${where} is not a FreeRADIUS accounting database ` +
        '(or this user may not see it). Check the database name in the profile.',
      { database: profile.database },
    );
  }
  const missing = coreRadacctColumns.filter((name) => !radacct.has(name));
  if (missing.length > 0) {
    throw new OperatorError(
      'NOT_FREERADIUS',
      `The radacct table in ${where} lacks the column(s) ${missing.join(', ')} that ` +
        'FreeRADIUS accounting writes, or this user may not read them.',
      { missing: missing.join(', ') },
    );
  }
  return radacct;
}

function findNasDirectory(tables: Map<string, Map<string, ColumnInfo>>): NasDirectory {
  if (hasColumns(tables, 'nas_devices', ['name', 'ip_address'])) {
    return {
      source: 'nas_devices',
      addressKind: addressKind(tables.get('nas_devices')?.get('ip_address')),
    };
  }
  if (hasColumns(tables, 'nas', ['nasname', 'shortname'])) {
    return { source: 'nas', addressKind: addressKind(tables.get('nas')?.get('nasname')) };
  }
  return { source: 'radacct' };
}

function hasColumns(
  tables: Map<string, Map<string, ColumnInfo>>,
  table: string,
  names: string[],
): boolean {
  const columns = tables.get(table);
  return columns !== undefined && names.every((name) => columns.has(name));
}
