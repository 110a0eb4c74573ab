import { runPsqlOrThrow } from './psql';

// DDL here only ever touches the bench's own databases.
function assertBenchDatabase(url: URL): void {
  if (!url.pathname.startsWith(`/${process.env.BENCH_DATABASE_PREFIX ?? 'sessiondesk_bench_'}`)) {
    throw new Error(
      `Refusing to change indexes on ${url.pathname.slice(1)}: not a bench database.`,
    );
  }
}

/** The index names a list of CREATE INDEX statements creates. */
export function indexNames(statements: string[]): string[] {
  return statements.flatMap((statement) => {
    const name = /CREATE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?("?[\w$]+"?)/i.exec(statement);
    return name?.[1] ? [name[1]] : [];
  });
}

/** Back to the stock schema: the plain run measures what a default FreeRADIUS has. */
export async function dropIndexes(url: URL, names: string[]): Promise<void> {
  assertBenchDatabase(url);
  if (names.length === 0) return;
  await runPsqlOrThrow(url, `DROP INDEX IF EXISTS ${names.join(', ')};`, {
    args: ['-v', 'ON_ERROR_STOP=1'],
  });
}

/**
 * Runs the app's recommended statements as a DBA would (CONCURRENTLY included), with
 * enough maintenance_work_mem for a GIN build over millions of rows, then ANALYZE so the
 * planner knows the host(framedipaddress) expression. Returns the seconds it took.
 */
export async function buildIndexes(url: URL, statements: string[]): Promise<number> {
  assertBenchDatabase(url);
  const started = performance.now();
  await runPsqlOrThrow(
    url,
    ["SET maintenance_work_mem = '1GB';", ...statements, 'ANALYZE radacct;'].join('\n'),
    { args: ['-v', 'ON_ERROR_STOP=1'] },
  );
  return (performance.now() - started) / 1000;
}
