// The Database health page: the indexes Session Desk recommends and which exist, and the
// facts about radacct a DBA asks first. Read only: Session Desk never creates anything.

/** One recommended index as the database has it. */
export interface RecommendedIndexState {
  name: string;
  table: 'radacct' | 'subscribers';
  /** The reads it serves, in the operator's words. */
  serves: string;
  /** The statement to give the DBA (CONCURRENTLY, IF NOT EXISTS). */
  statement: string;
  /** Present and valid; an index left invalid by a failed CONCURRENTLY build is missing. */
  exists: boolean;
  /** On-disk size of the index when it exists. */
  sizeBytes: number | null;
  /**
   * What it did to the search it serves in Session Desk's own bench (npm run bench -- --size
   * full --with-trigram: 10M radacct rows, 150k online), without it and with it; null where
   * the bench has no case for it.
   */
  measured: string | null;
}

/** An index an earlier version recommended that nothing reads any more, still present. */
export interface RetiredIndexState {
  name: string;
  sizeBytes: number;
  /** DROP INDEX CONCURRENTLY IF EXISTS, for the DBA. */
  statement: string;
}

export interface DatabaseHealth {
  indexes: RecommendedIndexState[];
  retired: RetiredIndexState[];
  /** Whether the pg_trgm extension the trigram indexes need is installed. */
  trigramInstalled: boolean;
  radacct: {
    /** The planner's estimate (pg_class.reltuples): counting 10^8 rows would take seconds. */
    estimatedRows: number;
    /** Table, indexes and TOAST. */
    totalBytes: number;
    lastVacuum: string | null;
    lastAutovacuum: string | null;
    lastAnalyze: string | null;
    lastAutoanalyze: string | null;
  };
  readAt: string;
}
