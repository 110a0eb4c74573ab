import type { SchemaSummary } from '@contract';
import { addressText } from './column-sql';
import { ipv6RecommendedIndexes } from './ipv6-indexes';
import { measuredEffect } from './index-effects';
import { macDigitsSql, markedAddressSql } from './search-sql';

/** One index Session Desk would benefit from: its name, what it serves, its statement. */
export interface RecommendedIndex {
  name: string;
  table: 'radacct' | 'subscribers';
  /** The reads it serves, in the operator's words. */
  serves: string;
  statement: string;
  /** Its effect as the bench measured it (index-effects.ts). */
  measured: string | null;
}

/**
 * Indexes earlier versions recommended that no read uses any more: their expression
 * changed (the IP ones were built on a regexp_replace that costs 0.5 ms per address), so
 * they only slow FreeRADIUS's writes. The Database page offers their DROP when present.
 */
export const retiredIndexNames = [
  'radacct_online_framedip_trgm_idx',
  'radacct_framedip_marked_trgm_idx',
] as const;

/** The statement that removes a retired index without blocking accounting. */
export const dropIndexStatement = (name: string): string =>
  `DROP INDEX CONCURRENTLY IF EXISTS ${name};`;

/** The index sql/radacct-partitioned.sql creates beyond the stock ones (recommended too). */
export const onlineStartIndexName = 'radacct_online_start_idx';

/** The index that makes the stat row's per-NAS count (read with every refresh) cheaper. */
export const onlineNasIndexName = 'radacct_online_nas_idx';

/** The statement every trigram index needs first. */
export const trigramExtension = 'CREATE EXTENSION IF NOT EXISTS pg_trgm;';

// Partial indexes on the online set stay small (one entry per open session) and cost
// FreeRADIUS little: interim updates change none of the columns they hold.
const online = 'WHERE acctstoptime IS NULL';

/**
 * The indexes that make search fast: on the online set (small, partial) and over history
 * (whole table). Shown to the DBA, never run by Session Desk: every index slows
 * FreeRADIUS's own accounting writes, so adding them is the DBA's call. CONCURRENTLY keeps
 * accounting running while they build; IF NOT EXISTS makes them safe to run twice. The
 * expressions are the ones search-sql.ts writes, so the planner matches them.
 */
export function recommendedIndexList(summary: SchemaSummary): RecommendedIndex[] {
  const marked = markedAddressSql(addressText('framedipaddress', summary.addressType));
  const macDigits = macDigitsSql('callingstationid');
  // PostgreSQL cannot build an index CONCURRENTLY on a partitioned table: on a partitioned
  // radacct the statement builds it on every partition at once, holding off writes to each
  // partition while it builds (see README, "Partitioned radacct", for the per-partition way).
  const concurrently = (table: RecommendedIndex['table']) =>
    table === 'radacct' && summary.radacctPartitioned ? '' : 'CONCURRENTLY ';
  const index = (
    name: string,
    serves: string,
    definition: string,
    table: RecommendedIndex['table'] = 'radacct',
  ): RecommendedIndex => ({
    name,
    table,
    serves,
    measured: measuredEffect(name),
    statement: `CREATE INDEX ${concurrently(table)}IF NOT EXISTS ${name} ON ${table} ${definition};`,
  });
  const list = [
    // Narrower than FreeRADIUS's own (nasipaddress, acctstarttime) partial index, and
    // deduplicated (a few NAS, many sessions each): the count of every refresh reads less.
    index(
      onlineNasIndexName,
      'the online count per NAS (the stat row, every refresh)',
      `(nasipaddress) ${online}`,
    ),
    index(
      'radacct_online_username_trgm_idx',
      'online search by username',
      `USING gin (username gin_trgm_ops) ${online}`,
    ),
    index(
      'radacct_online_framedip_octets_trgm_idx',
      'online search by IP address',
      `USING gin ((${marked}) gin_trgm_ops) ${online}`,
    ),
    index(
      'radacct_online_mac_trgm_idx',
      'online search by MAC',
      `USING gin ((${macDigits}) gin_trgm_ops) ${online}`,
    ),
    index(
      'radacct_online_acctsessionid_idx',
      'online search by Acct-Session-Id',
      `(acctsessionid) ${online}`,
    ),
    index(
      'radacct_username_trgm_idx',
      'history search by username',
      'USING gin (username gin_trgm_ops)',
    ),
    index(
      'radacct_framedip_octets_trgm_idx',
      'history search by IP address',
      `USING gin ((${marked}) gin_trgm_ops)`,
    ),
    index(
      'radacct_mac_digits_trgm_idx',
      'history search by MAC',
      `USING gin ((${macDigits}) gin_trgm_ops)`,
    ),
    index('radacct_acctsessionid_idx', 'history search by Acct-Session-Id', '(acctsessionid)'),
    ...ipv6RecommendedIndexes(summary).map((v6) => index(v6.name, v6.serves, v6.definition)),
  ];
  if (summary.radacctPartitioned) {
    // sql/radacct-partitioned.sql creates it; a radacct partitioned some other way needs it
    // as much (the script says why).
    list.unshift(
      index(
        onlineStartIndexName,
        'the online list, newest first, on a partitioned radacct',
        `(acctstarttime) ${online}`,
      ),
    );
  }
  if (!summary.panelTables) return list;
  return [
    ...list,
    index('radacct_online_username_idx', 'online search by full name', `(username) ${online}`),
    index('radacct_username_idx', 'history search by full name', '(username)'),
    index(
      'subscribers_full_name_trgm_idx',
      'search by full name',
      'USING gin (full_name gin_trgm_ops)',
      'subscribers',
    ),
  ];
}

/** The statements to hand the DBA, the extension first. */
export function recommendedIndexes(summary: SchemaSummary): string[] {
  return [trigramExtension, ...recommendedIndexList(summary).map((index) => index.statement)];
}
