import type { SchemaSummary } from '@contract';
import { ipv6RecommendedIndexes } from './ipv6-indexes';

/**
 * CREATE INDEX statements that make substring search over history fast (trigram GIN
 * indexes on what the search box matches). Shown to the DBA, never run by Session Desk:
 * every index slows FreeRADIUS's own accounting writes, so adding them is the DBA's call.
 * CONCURRENTLY keeps accounting running while they build; IF NOT EXISTS makes them safe
 * to run twice.
 */
export function recommendedIndexes(summary: SchemaSummary): string[] {
  const framedIp = summary.addressType === 'inet' ? '(host(framedipaddress))' : 'framedipaddress';
  return [
    'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_username_trgm_idx ' +
      'ON radacct USING gin (username gin_trgm_ops);',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_framedip_trgm_idx ' +
      `ON radacct USING gin (${framedIp} gin_trgm_ops);`,
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_callingstationid_trgm_idx ' +
      'ON radacct USING gin (callingstationid gin_trgm_ops);',
    ...ipv6RecommendedIndexes(summary),
  ];
}
