import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../src-main/radius-db/iso-time';
import { recommendedIndexes } from '../../../src-main/radius-db/recommended-indexes';
import { searchPattern } from '../../../src-main/radius-db/search-pattern';

describe('search pattern', () => {
  it('escapes %, _ and \\ so they match themselves', () => {
    expect(searchPattern('a%b_c\\d', 'online')).toBe('%a\\%b\\_c\\\\d%');
  });

  it('is null for blank text', () => {
    expect(searchPattern('   ', 'all')).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the history minimum', () => {
    expect(() => searchPattern('😀😀', 'offline')).toThrow(/at least 3 characters/);
    expect(searchPattern('😀😀😀', 'offline')).toBe('%😀😀😀%');
  });
});

describe('timestamps', () => {
  it('turns UTC text into ISO 8601 with Z', () => {
    expect(isoTime('2026-11-21 08:00:00+00')).toBe('2026-11-21T08:00:00Z');
    expect(isoTime('2026-11-21 08:00:00.5+00')).toBe('2026-11-21T08:00:00.5Z');
    expect(isoTime(null)).toBeNull();
    expect(isoTime('infinity')).toBe('infinity');
  });
});

describe('recommended indexes', () => {
  it('indexes the marked host(framedipaddress) for inet, online and history apart', () => {
    const statements = recommendedIndexes({
      panelTables: false,
      nasSource: 'nas',
      addressType: 'inet',
      ipv6Type: null,
      radacctPartitioned: false,
    });
    expect(statements[0]).toBe('CREATE EXTENSION IF NOT EXISTS pg_trgm;');
    expect(statements.join('\n')).toContain(
      "radacct_online_framedip_octets_trgm_idx ON radacct USING gin (((CASE WHEN host(framedipaddress) ~ '^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$' THEN split_part(host(framedipaddress), '.', 1) || 'x' || split_part(host(framedipaddress), '.', 2) || 'y' || split_part(host(framedipaddress), '.', 3) || 'z' || split_part(host(framedipaddress), '.', 4) ELSE host(framedipaddress) END)) gin_trgm_ops) WHERE acctstoptime IS NULL;",
    );
    expect(statements.slice(1).every((statement) => statement.includes('CONCURRENTLY'))).toBe(true);
    // The stat row's per-NAS count index (every refresh), then eight for search.
    expect(statements[1]).toBe(
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_online_nas_idx ON radacct (nasipaddress) WHERE acctstoptime IS NULL;',
    );
    expect(statements).toHaveLength(10);
  });

  it('adds containment and trigram indexes on the IPv6 prefixes where radacct has them', () => {
    const summary = {
      panelTables: false,
      nasSource: 'nas',
      addressType: 'inet',
      radacctPartitioned: false,
    } as const;
    const inet = recommendedIndexes({ ...summary, ipv6Type: 'inet' }).join('\n');
    expect(inet).toContain('USING gist (delegatedipv6prefix inet_ops)');
    expect(inet).toContain('USING gin ((framedipv6prefix::text) gin_trgm_ops)');
    const text = recommendedIndexes({ ...summary, ipv6Type: 'text' }).join('\n');
    expect(text).not.toContain('gist');
    expect(text).toContain('USING gin ((delegatedipv6prefix::text) gin_trgm_ops)');
  });
});
