import { parseArgs } from 'node:util';
import { defaultStatementTimeoutMs } from '../../src-main/radius-db/db-profile';
import { datasetSizes, type DatasetSize } from './sizes';

export interface BenchOptions {
  /** Run the bulk-disconnect bench (loopback CoA, no PostgreSQL) instead of the SQL cases. */
  disconnect: boolean;
  /** Measure what the optional row-level-security policies cost the Sessions page instead. */
  rowSecurity: boolean;
  size: DatasetSize;
  /** Measure on a radacct partitioned by start time (sql/radacct-partitioned.sql). */
  partitioned: boolean;
  /** Build the recommended pg_trgm indexes after the plain run and measure the searches again. */
  withTrigram: boolean;
  /** Build FreeRADIUS's optional (acctstoptime, username) index and measure NAS health again. */
  withStopIndex: boolean;
  /** Print EXPLAIN (ANALYZE, BUFFERS) of every statement behind each case. */
  explain: boolean;
  /** Drop and rebuild the dataset even when a complete one of this size exists. */
  regenerate: boolean;
  /** Timed runs per case, after the warm-up runs. */
  runs: number;
  warmup: number;
  /** The statement_timeout the app is opened with: what cuts off an unindexed history search. */
  statementTimeoutMs: number;
}

const usage = `Usage: npm run bench -- [options]
  --size quick|full|huge     dataset: quick = 200k rows / 15k online (default),
                             full = 10M rows / 150k online, huge = 50M rows / 300k online
  --partitioned              radacct partitioned by month of start time, as the DBA script
                             sql/radacct-partitioned.sql makes it (its own dataset)
  --with-trigram             also build the pg_trgm indexes and measure the searches again
  --with-stop-index          also build the (acctstoptime, username) index FreeRADIUS ships
                             commented out, and measure the NAS health reads again (exact)
  --explain                  also print each statement's EXPLAIN (ANALYZE, BUFFERS)
  --regenerate               rebuild the dataset even if one of this size exists
  --runs N                   timed runs per case (default 30)
  --warmup N                 untimed runs before them (default 5)
  --statement-timeout-ms N   the app's statement_timeout (default: the app's own, ${defaultStatementTimeoutMs})
  --disconnect               instead: bulk disconnect of 1000 sessions through disconnectEach vs
                             radclient -p 32 on a loopback FreeRADIUS, and a dead NAS beside a
                             live one (runs default 7, warm-up 1)
  --row-security             instead: the online page and the stat row as an admin and as a
                             reseller role, without and with sql/session-desk-row-security.sql
Environment: BENCH_DATABASE_URL=postgres://user@127.0.0.1:port/db picks the server
(loopback only); the bench creates sessiondesk_bench_<size> on it
(BENCH_DATABASE_PREFIX=scale_bench_ makes it scale_bench_<size>), with --partitioned
sessiondesk_bench_<size>_partitioned.`;

function positiveInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new Error(
      `${flag} must be a whole number between 1 and 100000, not "${text}".\n${usage}`,
    );
  }
  return value;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: 'quick' },
      partitioned: { type: 'boolean', default: false },
      'with-trigram': { type: 'boolean', default: false },
      'with-stop-index': { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'statement-timeout-ms': { type: 'string' },
      disconnect: { type: 'boolean', default: false },
      'row-security': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const size = datasetSizes[values.size as DatasetSize['name']];
  if (!Object.hasOwn(datasetSizes, values.size) || !size) {
    throw new Error(`--size must be quick, full or huge, not "${values.size}".\n${usage}`);
  }
  return {
    disconnect: values.disconnect,
    rowSecurity: values['row-security'],
    size,
    partitioned: values.partitioned,
    withTrigram: values['with-trigram'],
    withStopIndex: values['with-stop-index'],
    explain: values.explain,
    regenerate: values.regenerate,
    // A bulk-disconnect run takes about a second, and its dead-NAS runs about 35 s each.
    runs: positiveInt('--runs', values.runs, values.disconnect ? 7 : 30),
    warmup: positiveInt('--warmup', values.warmup, values.disconnect ? 1 : 5),
    statementTimeoutMs: positiveInt(
      '--statement-timeout-ms',
      values['statement-timeout-ms'],
      defaultStatementTimeoutMs,
    ),
  };
}

export { usage };
