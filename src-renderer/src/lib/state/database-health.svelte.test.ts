import type { DatabaseHealth, RecommendedIndexState } from '@contract';
import { describe, expect, it } from 'vitest';
import { DatabaseHealthPage } from './database-health.svelte';

const index = (name: string, exists: boolean, trigram = true): RecommendedIndexState => ({
  name,
  table: 'radacct',
  serves: 'online search by username',
  statement: `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON radacct ${trigram ? 'USING gin (username gin_trgm_ops)' : '(username)'};`,
  exists,
  sizeBytes: exists ? 8192 : null,
  measured: null,
});

const health = (indexes: RecommendedIndexState[], trigramInstalled: boolean): DatabaseHealth => ({
  indexes,
  retired: [],
  trigramInstalled,
  radacct: {
    estimatedRows: 10,
    totalBytes: 1 << 20,
    lastVacuum: null,
    lastAutovacuum: null,
    lastAnalyze: '2026-12-01T19:00:00Z',
    lastAutoanalyze: null,
  },
  readAt: '2026-12-01T19:00:00Z',
});

describe('DatabaseHealthPage', () => {
  it('hands the DBA the missing indexes, the extension first when a trigram one needs it', async () => {
    const page = new DatabaseHealthPage(async () => ({
      ok: true,
      data: health(
        [index('a_trgm', true), index('b_trgm', false), index('c', false, false)],
        false,
      ),
    }));
    await page.refresh();
    expect(page.missing.map((missing) => missing.name)).toEqual(['b_trgm', 'c']);
    expect(page.statements[0]).toBe('CREATE EXTENSION IF NOT EXISTS pg_trgm;');
    expect(page.statements).toHaveLength(3);
  });

  it('offers nothing when every index is present, and keeps a refusal to show', async () => {
    let answer: 'health' | 'refused' = 'health';
    const page = new DatabaseHealthPage(async () =>
      answer === 'health'
        ? { ok: true, data: health([index('a_trgm', true)], true) }
        : { ok: false, error: { code: 'DB_UNREACHABLE', message: 'down' } },
    );
    await page.refresh();
    expect(page.statements).toEqual([]);
    answer = 'refused';
    await page.refresh();
    expect(page.error?.code).toBe('DB_UNREACHABLE');
    expect(page.health).not.toBeNull();
  });
});
