// An export file the operator picked or dropped, read in the renderer as it streams off
// the disk: nothing is uploaded to main, and no connection profile is needed.
import { CsvFileError } from '../csv/csv-file-error';
import { readSessionCsv } from '../csv/session-csv-reader';
import { offlineNasEntries, offlineStats } from './offline-stats';
import { OfflineSessions } from './offline-sessions';
import type { NasEntry, SessionStats } from '@contract';

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

/** The file as a session source, or a CsvFileError saying what is wrong and where. */
export async function readExportFile(file: File): Promise<OfflineFile> {
  if (file.size === 0) throw new CsvFileError('the file is empty.');
  const exported = await readSessionCsv(chunksOf(file));
  const sessions = new OfflineSessions(exported.rows, exported.exportedAt);
  return {
    name: file.name,
    sessions,
    stats: offlineStats(exported.rows, exported.exportedAt ?? ''),
    nasEntries: offlineNasEntries(exported.rows),
  };
}
