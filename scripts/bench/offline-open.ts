// Offline open of a 100,000-row export (DESIGN.md §7: parsed in under 0.5 s): writes the
// file with the exporter's own line format, then times the renderer's reader on its bytes,
// and the first page (sort + slice) and stat row over the rows. Measures; asserts nothing.
// Run: npx tsx scripts/bench/offline-open.ts [rows]
import { readSessionCsv } from '../../src-renderer/src/lib/csv/session-csv-reader';
import { OfflineSessions } from '../../src-renderer/src/lib/offline/offline-sessions';
import { offlineStats } from '../../src-renderer/src/lib/offline/offline-stats';
import { benchExport, benchExportedAt } from './offline-export-file';

const rowCount = Number(process.argv[2] ?? 100_000);
const bytes = benchExport(rowCount);
// The File API hands the renderer 64 KiB chunks; read them the same way.
const chunks: Uint8Array[] = [];
for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));

const ms = (start: number): string => `${(performance.now() - start).toFixed(0)} ms`;

async function once(): Promise<string[]> {
  let start = performance.now();
  const read = await readSessionCsv(chunks);
  const parse = ms(start);
  start = performance.now();
  const sessions = new OfflineSessions(read.rows, read.exportedAt);
  const filter = { search: '', status: 'all' as const, nasIp: null };
  await sessions.list({
    filter,
    sort: { column: 'startTime', direction: 'desc' },
    pageSize: 100,
    cursor: null,
  });
  offlineStats(read.rows, benchExportedAt);
  const firstPage = ms(start);
  start = performance.now();
  sessions.matching({ ...filter, search: '64.1' }, { column: 'download', direction: 'desc' });
  const search = ms(start);
  return [parse, firstPage, search];
}

console.log(
  `offline open: ${rowCount.toLocaleString('en')} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MiB`,
);
for (let run = 1; run <= 5; run += 1) {
  const [parse, firstPage, search] = await once();
  console.log(
    `run ${run}: parse ${parse} (budget 500 ms), first page + stats ${firstPage}, ` +
      `search + octet sort ${search}`,
  );
}
