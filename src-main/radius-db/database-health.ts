import type { DatabaseHealth } from '@contract';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { dropIndexStatement, recommendedIndexList, retiredIndexNames } from './recommended-indexes';

/**
 * The relations that hold the data of the pg_class row `alias`: itself when it is a plain
 * table or index, its leaf partitions when radacct (or an index on it) is partitioned,
 * where the parent itself is empty and autovacuum never visits it.
 */
const leavesOf = (alias: string) =>
  `(SELECT t.relid FROM pg_partition_tree(${alias}.oid) t WHERE t.isleaf
    UNION ALL SELECT ${alias}.oid WHERE ${alias}.relkind NOT IN ('p', 'I'))`;

/**
 * The recommended indexes as the database has them (by name: the statements create them
 * under these names), and radacct's estimated size and last vacuum and analyze. Catalog
 * reads only: nothing is created, nothing counted. On a partitioned radacct, sizes and rows
 * are summed over the partitions, and each vacuum/analyze time is the oldest among the
 * partitions that had one: the time by which every such partition was last done.
 */
export async function readDatabaseHealth(
  db: DbQueries,
  schema: DetectedSchema,
): Promise<DatabaseHealth> {
  const recommended = recommendedIndexList(schema.summary);
  const [present, [table], [trigram]] = await Promise.all([
    db.arrays(
      `SELECT ic.relname::text,
              (SELECT sum(pg_relation_size(leaf.relid)) FROM ${leavesOf('ic')} AS leaf (relid))::text
         FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
        WHERE x.indrelid IN (to_regclass('radacct'), to_regclass('subscribers'))
          AND x.indisvalid AND ic.relname = ANY($1::text[])`,
      [[...recommended.map((index) => index.name), ...retiredIndexNames]],
    ),
    db.arrays(
      `SELECT sum(greatest(l.reltuples, 0))::bigint::text,
              sum(pg_total_relation_size(l.oid))::text,
              min(s.last_vacuum), min(s.last_autovacuum),
              min(s.last_analyze), min(s.last_autoanalyze), statement_timestamp()
         FROM pg_class c
         CROSS JOIN LATERAL ${leavesOf('c')} AS leaf (relid)
         JOIN pg_class l ON l.oid = leaf.relid
         LEFT JOIN pg_stat_all_tables s ON s.relid = l.oid
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
    retired: retiredIndexNames.flatMap((name) => {
      const sizeBytes = sizes.get(name);
      return sizeBytes === undefined
        ? []
        : [{ name, sizeBytes, statement: dropIndexStatement(name) }];
    }),
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
