// The Database health page: what main read from the catalogs, and the statements of the
// missing indexes to hand the DBA. Session Desk never creates them itself.
import type { ApiError, DatabaseHealth, RecommendedIndexState, Result } from '@contract';

export type ReadDatabaseHealth = () => Promise<Result<DatabaseHealth>>;

export class DatabaseHealthPage {
  health = $state.raw<DatabaseHealth | null>(null);
  error = $state.raw<ApiError | null>(null);
  loading = $state(false);
  readonly missing: RecommendedIndexState[] = $derived(
    (this.health?.indexes ?? []).filter((index) => !index.exists),
  );
  /** What to copy for the DBA: the extension first when a trigram index is missing. */
  readonly statements: string[] = $derived.by(() => {
    const health = this.health;
    if (!health || this.missing.length === 0) return [];
    const trigram = this.missing.some((index) => index.statement.includes('gin_trgm_ops'));
    const extension =
      trigram && !health.trigramInstalled ? ['CREATE EXTENSION IF NOT EXISTS pg_trgm;'] : [];
    return [...extension, ...this.missing.map((index) => index.statement)];
  });

  #read: ReadDatabaseHealth;

  constructor(read: ReadDatabaseHealth) {
    this.#read = read;
  }

  async refresh(): Promise<void> {
    this.loading = true;
    const result = await this.#read();
    this.loading = false;
    if (result.ok) {
      this.health = result.data;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }
}
