import type { SchemaSummary } from '@contract';

/**
 * The indexes IPv6 search would use, for the DBA (see recommended-indexes.ts): on the WAN and
 * delegated prefixes, where abuse reports' addresses fall. inet columns: GiST inet_ops for
 * containment (>>=, a whole address typed) and trigrams on their text (a fragment typed);
 * text columns: trigrams only. None without the columns.
 */
export function ipv6RecommendedIndexes(summary: SchemaSummary): string[] {
  if (summary.ipv6Type === null) return [];
  const inet = summary.ipv6Type === 'inet';
  return ['framedipv6prefix', 'delegatedipv6prefix'].flatMap((column) => {
    const trigram =
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_${column}_trgm_idx ` +
      `ON radacct USING gin ((${column}::text) gin_trgm_ops);`;
    return inet
      ? [
          `CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_${column}_gist_idx ` +
            `ON radacct USING gist (${column} inet_ops);`,
          trigram,
        ]
      : [trigram];
  });
}
