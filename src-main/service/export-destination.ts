import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionFilter } from '@contract';

/** Where a finished export lies, and how a browser fetches it (browser mode only). */
export interface ExportTarget {
  path: string;
  downloadUrl: string | null;
}

/**
 * Asks where to write an export, suggesting a name; null when the operator chose nothing.
 * The desktop shell shows a save dialog; browser mode writes into its exports folder.
 */
export type ChooseExportPath = (suggestedName: string) => Promise<ExportTarget | null>;

const pad = (value: number): string => String(value).padStart(2, '0');

/** e.g. sessions-online-2026-11-21T1530.csv, in the workstation's local time. */
export function suggestedExportName(filter: SessionFilter, now = new Date()): string {
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `sessions-${filter.status}-${date}T${pad(now.getHours())}${pad(now.getMinutes())}.csv`;
}

/** URL path under which the loopback server serves the exports folder. */
export const exportDownloadPath = '/exports/';

/**
 * Browser mode: no native dialog, so exports go into one folder of the data folder and the
 * page downloads them from the loopback server. Names never collide with a file already
 * there or with an export still being written.
 */
export function exportFolderTarget(folder: string): ChooseExportPath {
  const reserved = new Set<string>();
  return async (suggestedName) => {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stem = suggestedName.replace(/\.csv$/, '');
    let name = suggestedName;
    for (let n = 2; reserved.has(name) || existsSync(join(folder, name)); n += 1) {
      name = `${stem}-${n}.csv`;
    }
    reserved.add(name);
    return { path: join(folder, name), downloadUrl: exportDownloadPath + encodeURIComponent(name) };
  };
}
