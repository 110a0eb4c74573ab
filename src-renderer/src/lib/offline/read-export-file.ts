// An export file the operator picked or dropped, read in the renderer as it streams off
// the disk: nothing is uploaded to main, and no connection profile is needed.
import { CsvFileError } from '../csv/csv-file-error';
import { readSessionCsv } from '../csv/session-csv-reader';
import { offlineNasEntries, offlineStats } from './offline-stats';
import { OfflineSessions } from './offline-sessions';
import { maxExportRows, type NasEntry, type SessionStats } from '@contract';

export interface OfflineFile {
  name: string;
  sessions: OfflineSessions;
  stats: SessionStats;
  nasEntries: NasEntry[];
}

async function* chunksOf(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The largest file opened offline. An export holds at most maxExportRows (100,000) sessions,
 * about 25 MB; more than twice that leaves room for long names. Past it the page would hold hundreds
 * of MB of rows, so it is refused before a byte is read.
 */
export const maxOfflineFileBytes = 64 * 1024 * 1024;

const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The file as a session source, or a CsvFileError saying what is wrong and where. */
export async function readExportFile(file: File): Promise<OfflineFile> {
  if (file.size === 0) throw new CsvFileError('the file is empty.');
  if (file.size > maxOfflineFileBytes) {
    throw new CsvFileError(
      `the file is ${megabytes(file.size)}: Session Desk opens exports of up to ` +
        `${megabytes(maxOfflineFileBytes)} (${maxExportRows.toLocaleString('en')} sessions, ` +
        'the most one export holds, take about 25 MB). Open a smaller export.',
    );
  }
  const exported = await readSessionCsv(chunksOf(file));
  const sessions = new OfflineSessions(exported.rows, exported.exportedAt);
  return {
    name: file.name,
    sessions,
    stats: offlineStats(exported.rows, exported.exportedAt ?? ''),
    nasEntries: offlineNasEntries(exported.rows),
  };
}
