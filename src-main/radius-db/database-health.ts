import type { DatabaseHealth } from '@contract';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { recommendedIndexList } from './recommended-indexes';

/**
 * The recommended indexes as the database has them (by name: the statements create them
 * under these names), and radacct's estimated size and last vacuum and analyze. Catalog
 * reads only: nothing is created, nothing counted.
 */
export async function readDatabaseHealth(
  db: DbQueries,
  schema: DetectedSchema,
): Promise<DatabaseHealth> {
  const recommended = recommendedIndexList(schema.summary);
  const [present, [table], [trigram]] = await Promise.all([
    db.arrays(
      `SELECT ic.relname::text, pg_relation_size(ic.oid)::text
         FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
        WHERE x.indrelid IN (to_regclass('radacct'), to_regclass('subscribers'))
          AND x.indisvalid AND ic.relname = ANY($1::text[])`,
      [recommended.map((index) => index.name)],
    ),
    db.arrays(
      `SELECT greatest(c.reltuples, 0)::bigint::text, pg_total_relation_size(c.oid)::text,
              s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
              statement_timestamp()
         FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
        WHERE c.oid = to_regclass('radacct')`,
      [],
    ),
    db.arrays(`SELECT count(*) > 0 FROM pg_extension WHERE extname = 'pg_trgm'`, []),
  ]);
  const sizes = new Map(present.map((row) => [String(row[0]), Number(row[1])]));
  const time = (value: unknown) => isoTime(value === null ? null : String(value));
  return {
    indexes: recommended.map((index) => ({
      ...index,
      exists: sizes.has(index.name),
      sizeBytes: sizes.get(index.name) ?? null,
    })),
    trigramInstalled: trigram?.[0] === true,
    radacct: {
      estimatedRows: Number(table?.[0] ?? 0),
      totalBytes: Number(table?.[1] ?? 0),
      lastVacuum: time(table?.[2] ?? null),
      lastAutovacuum: time(table?.[3] ?? null),
      lastAnalyze: time(table?.[4] ?? null),
      lastAutoanalyze: time(table?.[5] ?? null),
    },
    readAt: time(table?.[6] ?? null) ?? '',
  };
}
