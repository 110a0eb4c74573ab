import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { ExportProgress } from '@contract';
import type { ChooseExportPath } from '../../src-main/service/export-destination';
import type { ServiceHarness } from './service-harness';

/** RFC 4180 as the test reads it, independent of the app's reader: records of fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

/** A save "dialog" that always picks a fixed name in a fresh folder. */
export function fixedExportFolder(name = 'sessions.csv'): {
  folder: string;
  path: string;
  choose: ChooseExportPath;
} {
  const folder = mkdtempSync(join(tmpdir(), 'sd-export-'));
  const path = join(folder, name);
  return { folder, path, choose: async () => ({ path, downloadUrl: null }) };
}

export const filesIn = (folder: string): string[] => readdirSync(folder);

/** Waits until the export is over, by its events, checking its status as a fallback. */
export async function exportOutcome(
  app: ServiceHarness,
  exportId: number,
): Promise<ExportProgress> {
  for (;;) {
    const status = await app.ok('export.status', { exportId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Many plain sessions in one statement, numbered user-000001…, for limits and cancels. */
export async function insertManySessions(
  pool: pg.Pool,
  count: number,
  prefix = 'bulk',
): Promise<void> {
  await pool.query(
    `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, framedipaddress,
       callingstationid, acctstarttime, acctupdatetime, acctsessiontime, acctinputoctets,
       acctoutputoctets)
     SELECT 'S' || g, $2 || '-' || g, $2 || '-' || lpad(g::text, 6, '0'), '10.0.0.9',
       ('100.64.0.0'::inet + g), 'AA:BB:CC:00:00:00', '2026-11-01T00:00:00Z'::timestamptz + g * interval '1 second',
       now(), 60, g * 1000, g * 5000
     FROM generate_series(1, $1::int) g`,
    [count, prefix],
  );
}
