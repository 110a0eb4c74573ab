import { defaultStaleAfterSeconds, type SortColumn } from '@contract';
import { addressText, numberSql, timeSql, type TypedSql } from './column-sql';
import { addressKind, type DetectedSchema } from './detected-schema';
import { ipv6FieldSql } from './ipv6-columns';
import { nasDirectorySql } from './nas-directory-sql';
import { macDigitsSql, markedAddressSql, type SearchColumns } from './search-sql';
import { staleSql, type StaleSql } from './stale-sql';

/** A sort column as SQL: its expression, its type, and whether it can be NULL. */
export interface SortKey extends TypedSql {
  nullable: boolean;
  /** The key reads a joined name (subscriber, service, NAS), not radacct alone. */
  needsNames: boolean;
  /** A stock index can walk this order, so NULLs sort as the index stores them. */
  indexOrdered: boolean;
}

/** The SQL pieces every session query is assembled from, built once per opened database. */
export interface SessionSql {
  /** radacct AS r with the name joins: subscribers s, services sv, NAS directory nd. */
  fromWithNames: string;
  /**
   * The same names for a page of radacct rows already picked, as a CTE named r (see
   * sessionPageSql): the page's subscribers are looked up as one set.
   */
  nameJoins: string;
  /**
   * The same two for a whole result (an export reads up to 100,000 rows): the subscribers
   * joined as one set the planner can hash, the same first-row-wins choice as the lookup.
   */
  fromWithBulkNames: string;
  bulkNameJoins: string;
  /** radacct AS r alone: for counts, which need no names. */
  fromSessions: string;
  /** The SessionRow fields (sessionRowLength of them), in order. */
  selectRow: string;
  /** The NAS address as text, as NasEntry.nasIp and the NAS filter use it. */
  nasIpText: string;
  /** The same for another column holding radacct's nasipaddress (e.g. after GROUP BY). */
  nasIpTextOf(column: string): string;
  /** The framed IP as the operator types it (no /32). */
  framedIpText: string;
  /** The WAN prefix (framedipv6prefix) as text with its /length; NULL::text without one. */
  framedIpv6PrefixText: string;
  /** Cast of a NAS filter parameter so it compares with r.nasipaddress (and its index). */
  nasIpType: 'inet' | 'text';
  /** What a search reads: username, framed IP, MAC, Acct-Session-Id, full names. */
  search: SearchColumns;
  sortKeys: Record<SortColumn, SortKey>;
  /** The NAS directory derived table, or null when names come from nowhere. */
  nasDirectory: string | null;
  /** The profile's stale rule (stale-sql.ts). */
  stale: StaleSql;
}

export function buildSessionSql(
  schema: DetectedSchema,
  staleAfterSeconds = defaultStaleAfterSeconds,
): SessionSql {
  const columns = schema.radacct;
  const nullable = (name: string): boolean => columns.get(name)?.nullable ?? true;
  const time = (name: string): string =>
    columns.has(name) ? timeSql(`r.${name}`, columns.get(name), schema.serverTimeZone) : 'NULL';
  const number = (name: string): TypedSql => numberSql(`r.${name}`, columns.get(name));

  const nasKind = addressKind(columns.get('nasipaddress'));
  const framedKind = addressKind(columns.get('framedipaddress'));
  const nasIpText = addressText('r.nasipaddress', nasKind);
  const framedIpText = addressText('r.framedipaddress', framedKind);
  const nasDirectory = nasDirectorySql(schema.nasDirectory);
  const panel = schema.summary.panelTables;

  // One subscriber per session, looked up row by row: the first row wins when usernames
  // are not unique, so sessions stay single, and a page of 1000 costs 1000 index probes
  // rather than a hash of every subscriber.
  const subscriberLookup = ` LEFT JOIN LATERAL (SELECT x.full_name, x.service_id FROM subscribers x
            WHERE x.username = r.username ORDER BY x.id LIMIT 1) s ON true`;
  const subscriberJoin = !panel
    ? ''
    : schema.subscriberNamesUnique
      ? ' LEFT JOIN subscribers s ON s.username = r.username'
      : subscriberLookup;
  // For a page, the subscribers of its usernames as one set, the same first-row-wins choice:
  // one index scan for the page's usernames costs a third less than 1000 lateral lookups.
  const pageSubscriberJoin = ` LEFT JOIN (SELECT DISTINCT ON (x.username) x.username, x.full_name,
            x.service_id FROM subscribers x
            WHERE x.username = ANY (ARRAY(SELECT DISTINCT page.username FROM r page))
            ORDER BY x.username, x.id) s ON s.username = r.username`;
  // For a whole result the row-by-row lookup is 100,000 probes: one pass over the
  // subscribers (the lowest id per username, as the lookup picks) costs far less.
  const bulkSubscriberJoin = !panel
    ? ''
    : schema.subscriberNamesUnique
      ? ' LEFT JOIN subscribers s ON s.username = r.username'
      : ` LEFT JOIN (SELECT DISTINCT ON (x.username) x.username, x.full_name, x.service_id
            FROM subscribers x ORDER BY x.username, x.id) s ON s.username = r.username`;
  const serviceJoin = panel ? ' LEFT JOIN services sv ON sv.id = s.service_id' : '';
  const nasJoin = nasDirectory ? ` LEFT JOIN ${nasDirectory} nd ON nd.ip = ${nasIpText}` : '';

  const fullName = panel ? 's.full_name::text' : 'NULL::text';
  const service = panel ? 'sv.name::text' : 'NULL::text';
  const nasName = nasDirectory ? 'nd.name' : 'NULL::text';
  const sessionTime = number('acctsessiontime');
  const download = number('acctoutputoctets');
  const upload = number('acctinputoctets');

  const ipv6 = ipv6FieldSql(schema);
  const selectRow = [
    'r.radacctid::text',
    "coalesce(r.username::text, '')",
    fullName,
    service,
    nasIpText,
    nasName,
    framedIpText,
    'r.callingstationid::text',
    'r.acctsessionid::text',
    time('acctstarttime'),
    time('acctstoptime'),
    `${sessionTime.sql}::bigint`,
    `${download.sql}::text`,
    `${upload.sql}::text`,
    'r.acctterminatecause::text',
    time('acctupdatetime'),
    ipv6.address,
    ipv6.wanPrefix,
    ipv6.delegatedPrefix,
    ipv6.interfaceId,
  ].join(', ');

  const own = (key: TypedSql, canBeNull: boolean): SortKey => ({
    ...key,
    nullable: canBeNull,
    needsNames: false,
    indexOrdered: false,
  });
  const text = (sql: string, canBeNull = true): SortKey => own({ sql, type: 'text' }, canBeNull);
  const named = (sql: string, canBeNull: boolean): SortKey => ({
    sql,
    type: 'text',
    nullable: canBeNull,
    needsNames: true,
    indexOrdered: false,
  });
  const sortKeys: Record<SortColumn, SortKey> = {
    username: text('r.username', nullable('username')),
    fullName: named(fullName, true),
    service: named(service, true),
    // What the NAS column shows: the name, or the address when the directory has none.
    nas: nasDirectory ? named(`coalesce(nd.name, ${nasIpText})`, false) : text(nasIpText, false),
    framedIp: own({ sql: 'r.framedipaddress', type: framedKind }, nullable('framedipaddress')),
    mac: text('r.callingstationid', nullable('callingstationid')),
    acctSessionId: text('r.acctsessionid', nullable('acctsessionid')),
    // (acctstarttime, username) is a stock index: the default newest-first page walks it.
    startTime: {
      ...own({ sql: time('acctstarttime'), type: 'timestamptz' }, true),
      indexOrdered: true,
    },
    stopTime: own({ sql: time('acctstoptime'), type: 'timestamptz' }, true),
    duration: own(sessionTime, true),
    download: own(download, true),
    upload: own(upload, true),
  };

  return {
    fromWithNames: `radacct r${subscriberJoin}${serviceJoin}${nasJoin}`,
    nameJoins: `${panel ? pageSubscriberJoin : ''}${serviceJoin}${nasJoin}`,
    fromWithBulkNames: `radacct r${bulkSubscriberJoin}${serviceJoin}${nasJoin}`,
    bulkNameJoins: `${bulkSubscriberJoin}${serviceJoin}${nasJoin}`,
    fromSessions: 'radacct r',
    selectRow,
    nasIpText,
    nasIpTextOf: (column) => addressText(column, nasKind),
    nasIpType: nasKind,
    framedIpText,
    framedIpv6PrefixText: ipv6.wanPrefix,
    search: {
      username: 'r.username',
      framedIpText,
      framedIpMarked: markedAddressSql(framedIpText),
      framedIpIsInet: framedKind === 'inet',
      mac: 'r.callingstationid',
      macDigits: macDigitsSql('r.callingstationid'),
      acctSessionId: 'r.acctsessionid',
      fullNames: panel,
    },
    sortKeys,
    nasDirectory,
    stale: staleSql(schema, staleAfterSeconds),
  };
}
