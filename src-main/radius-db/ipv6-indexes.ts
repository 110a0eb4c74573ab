import type { SchemaSummary } from '@contract';

/**
 * The indexes IPv6 search would use, for the DBA (see recommended-indexes.ts), on the WAN and
 * delegated prefixes where abuse reports' addresses fall: GiST inet_ops for containment (a
 * whole address typed, >>=) on inet columns, and trigrams on their text (a fragment typed).
 * None for a radacct without them.
 */
export function ipv6RecommendedIndexes(
  summary: SchemaSummary,
): { name: string; serves: string; definition: string }[] {
  if (summary.ipv6Type === null) return [];
  const inet = summary.ipv6Type === 'inet';
  return (['framedipv6prefix', 'delegatedipv6prefix'] as const).flatMap((column) => {
    const what = column === 'framedipv6prefix' ? 'WAN' : 'delegated';
    const trigram = {
      name: `radacct_${column}_trgm_idx`,
      serves: `search by a piece of an IPv6 ${what} prefix`,
      definition: `USING gin ((${column}::text) gin_trgm_ops)`,
    };
    if (!inet) return [trigram];
    const gist = {
      name: `radacct_${column}_gist_idx`,
      serves: `search and who-had by an IPv6 address in a ${what} prefix`,
      definition: `USING gist (${column} inet_ops)`,
    };
    return [gist, trigram];
  });
}
