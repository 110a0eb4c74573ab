// Offline open of a 100,000-row export (DESIGN.md §7: parsed in under 0.5 s): writes the
// file with the exporter's own line format, then times the renderer's reader on its bytes,
// and the first page (sort + slice) and stat row over the rows. Measures; asserts nothing.
// Run: npx tsx scripts/bench/offline-open.ts [rows]
import { csvHeaderLine, sessionCsvLine, type SessionRow } from '../../src-preload/contract';
import { readSessionCsv } from '../../src-renderer/src/lib/csv/session-csv-reader';
import { OfflineSessions } from '../../src-renderer/src/lib/offline/offline-sessions';
import { offlineStats } from '../../src-renderer/src/lib/offline/offline-stats';

const rowCount = Number(process.argv[2] ?? 100_000);
const exportedAt = '2026-11-21T09:30:00Z';

function session(i: number): SessionRow {
  const online = i % 4 !== 0;
  return [
    String(10_000_000 + i),
    i % 97 === 0 ? `=odd, "name" ${i}` : `user${i}@isp.example`,
    `Subscriber ${i}`,
    'Fiber 100',
    `127.0.10.${(i % 6) + 1}`,
    `bng-${(i % 6) + 1}`,
    `100.64.${(i >> 8) & 255}.${i & 255}`,
    `AA:BB:CC:${(i >> 16) & 255}:${(i >> 8) & 255}:${i & 255}`,
    `8100${i.toString(16)}`,
    new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString(),
    online ? null : new Date(Date.UTC(2026, 10, 21) + i * 1000).toISOString(),
    3600 + i,
    String(9_007_199_254_740_993n + BigInt(i)),
    String(1_000_000 * i),
    online ? null : 'User-Request',
    new Date(Date.UTC(2026, 10, 21, 9) + i).toISOString(),
  ];
}

const lines = [csvHeaderLine];
for (let i = 0; i < rowCount; i += 1) lines.push(sessionCsvLine(session(i), exportedAt));
const bytes = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
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
  offlineStats(read.rows, exportedAt);
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
