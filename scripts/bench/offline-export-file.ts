// A generated sessions export for the offline benchmarks, written with the exporter's own
// line format: 3 in 4 sessions online, six NAS, octets past 2^53, a few names to neutralise.
import { csvHeaderLine, sessionCsvLine, type SessionRow } from '../../src-preload/contract';

export const benchExportedAt = '2026-11-21T09:30:00Z';

export function benchSession(i: number): SessionRow {
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
    null,
    `2001:db8:${(0xbb00 + (i >> 16)).toString(16)}:${(i & 0xffff).toString(16)}::/64`,
    `2001:db8:${(0xaa00 + (i >> 8)).toString(16)}:${((i & 255) << 8).toString(16)}::/56`,
    null,
  ];
}

/** The whole file, as the bytes the reader sees. */
export function benchExport(rowCount: number): Uint8Array {
  const lines = [csvHeaderLine];
  for (let i = 0; i < rowCount; i += 1)
    lines.push(sessionCsvLine(benchSession(i), benchExportedAt));
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}
