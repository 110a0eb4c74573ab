// Export of 100,000 rows to CSV through the app's own path (COPY of the rows, mended into
// sessions-CSV lines as they stream in, temp file, fsync, rename) beside the floor DESIGN §7
// names: the same SELECT through psql's COPY (…) TO STDOUT WITH (FORMAT csv), output
// discarded. Budget: within 1.2x of COPY.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxExportRows, type SessionFilter } from '@contract';
import { writeSessionsCsv } from '../../src-main/csv/write-sessions-csv';
import { everything } from '../../src-main/operator-scope';
import type { RadiusDb, SessionPageQuery } from '../../src-main/radius-db';
import { sessionSettings } from '../../src-main/radius-db/db-pool';
import { runPsqlOrThrow } from './psql';
import { recordQueries, type TappedQuery } from './sql-tap';
import { summarize } from './timing';

const maxRatio = 1.2;
const runs = 5;

/** The rows' SELECT inside the app's COPY (parameters already written in). */
function rowsSelect(query: TappedQuery): string {
  const match = /^COPY \((.*)\) TO STDOUT WITH \(FORMAT csv\)$/s.exec(query.text.trim());
  if (!match?.[1]) throw new Error(`Not the export's COPY: ${query.text.slice(0, 80)}`);
  return match[1];
}

async function copyMs(url: URL, select: string): Promise<number> {
  const output = await runPsqlOrThrow(
    url,
    // The app's session settings (db-pool.ts), so both sides plan the SELECT alike.
    `\\o /dev/null\n${sessionSettings.map((statement) => `${statement};`).join('\n')}\n` +
      `\\timing on\nCOPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER);\n`,
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
    const copied = warm.queries.find((tapped) => tapped.text.startsWith('COPY ('));
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
    if (!copied) throw new Error('The export sent no COPY.');
    const select = rowsSelect(copied);
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
      `ratio ${ratio.toFixed(2)}x, budget ${maxRatio}x: ${ratio <= maxRatio ? 'OK' : 'OVER'}`
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
