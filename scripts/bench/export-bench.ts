// Export of 100,000 rows to CSV through the app's own path (server-side cursor, CSV format,
// temp file, fsync, rename) beside the floor DESIGN §7 names: the same SELECT through
// psql's COPY (…) TO STDOUT, output discarded. Budget: within 2x of COPY.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxExportRows, type SessionFilter } from '@contract';
import { writeSessionsCsv } from '../../src-main/csv/write-sessions-csv';
import { everything } from '../../src-main/operator-scope';
import type { RadiusDb, SessionPageQuery } from '../../src-main/radius-db';
import { runPsqlOrThrow } from './psql';
import { recordQueries, type TappedQuery } from './sql-tap';
import { summarize } from './timing';

const maxRatio = 2;
const runs = 5;

const literal = (value: unknown): string =>
  value === null ? 'NULL' : `'${String(value).replaceAll("'", "''")}'`;

/** The cursor's SELECT with its parameters written in, for COPY (which takes none). */
function inlined(query: TappedQuery): string {
  const select = query.text.replace(/^\s*DECLARE \w+ NO SCROLL CURSOR FOR /, '');
  return select.replace(/\$(\d+)/g, (_, n: string) => literal(query.values[Number(n) - 1]));
}

async function copyMs(url: URL, select: string): Promise<number> {
  const output = await runPsqlOrThrow(
    url,
    `SET TimeZone = 'UTC';\n\\timing on\n\\o /dev/null\nCOPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER);\n`,
  );
  const match = /Time: ([\d.]+) ms/.exec(output);
  if (!match) throw new Error(`psql printed no timing: ${output}`);
  return Number(match[1]);
}

export async function benchExport(db: RadiusDb, url: URL): Promise<string> {
  // Every session, newest first: the largest "Export all" the app allows.
  const filter: SessionFilter = { search: '', status: 'all', nasIp: null };
  const query: SessionPageQuery = {
    filter,
    sort: { column: 'startTime', direction: 'desc' },
    cursor: null,
    limit: maxExportRows,
  };
  const folder = mkdtempSync(join(tmpdir(), 'sd-bench-export-'));
  try {
    const exportTo = (path: string) =>
      writeSessionsCsv(db, query, everything, path, new AbortController().signal);
    // The first run warms the cache and shows which SELECT the cursor ran.
    const warm = await recordQueries(() => exportTo(join(folder, 'warm.csv')));
    if (warm.error) throw warm.error;
    const declared = warm.queries.find((tapped) => tapped.text.includes('DECLARE'));
    const appSamples: number[] = [];
    let rows = 0;
    let bytes = 0;
    for (let run = 0; run < runs; run += 1) {
      const path = join(folder, `run-${run}.csv`);
      const started = performance.now();
      rows = (await exportTo(path)) ?? 0;
      appSamples.push(performance.now() - started);
      bytes = statSync(path).size;
      rmSync(path);
    }
    // The same cursor read with the rows dropped: how much of the time is PostgreSQL + pg.
    const readSamples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await db.streamSessions(query, everything, async () => {}, new AbortController().signal);
      readSamples.push(performance.now() - started);
    }
    if (!declared) throw new Error('The export sent no DECLARE … CURSOR.');
    const select = inlined(declared);
    await copyMs(url, select);
    const copySamples: number[] = [];
    for (let run = 0; run < runs; run += 1) copySamples.push(await copyMs(url, select));

    const app = summarize(appSamples).medianMs;
    const copy = summarize(copySamples).medianMs;
    const ratio = app / copy;
    const perSecond = (ms: number) => Math.round((rows / ms) * 1000).toLocaleString('en');
    return (
      `Export of ${rows.toLocaleString('en')} rows to CSV (${(bytes / 2 ** 20).toFixed(1)} MiB), ` +
      `median of ${runs}: app ${app.toFixed(0)} ms (${perSecond(app)} rows/s), ` +
      `psql COPY … TO STDOUT ${copy.toFixed(0)} ms (${perSecond(copy)} rows/s), ` +
      `ratio ${ratio.toFixed(2)}x, budget ${maxRatio}x: ${ratio <= maxRatio ? 'OK' : 'OVER'}; ` +
      `of the app's time, the cursor read alone (rows dropped) ${summarize(readSamples).medianMs.toFixed(0)} ms`
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
