import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { exportDownloadPath } from '../service/export-destination';

/** Only names the exporter writes: no folders, no hidden temp files, nothing but .csv. */
const exportName = /^[A-Za-z0-9][A-Za-z0-9._-]*\.csv$/;

/**
 * A finished export of browser mode's exports folder, as a download. The caller has
 * already checked the Host and the token; this serves only plain files directly in that
 * folder (never a temp file, a link or anything outside), and false means "not one".
 */
export async function serveExportDownload(
  exportsDir: string,
  urlPath: string,
  response: ServerResponse,
  headers: Record<string, string>,
  headOnly: boolean,
): Promise<boolean> {
  if (!urlPath.startsWith(exportDownloadPath)) return false;
  let name: string;
  try {
    name = decodeURIComponent(urlPath.slice(exportDownloadPath.length));
  } catch {
    return false;
  }
  if (!exportName.test(name)) return false;
  const path = join(exportsDir, name);
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile()) return false;
  response.writeHead(200, {
    ...headers,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${name}"`,
  });
  if (headOnly) {
    response.end();
    return true;
  }
  const file = createReadStream(path);
  file.on('error', () => response.destroy());
  file.pipe(response);
  return true;
}
