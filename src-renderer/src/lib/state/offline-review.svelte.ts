// Offline review: an export file open in place of the live table, and optionally a second
// one compared with it. A file that cannot be read leaves whatever was on screen alone.
import { compareExports, type ExportComparison } from '../offline/compare-exports';
import { readExportFile, type OfflineFile } from '../offline/read-export-file';

export interface OfflineOpenFailure {
  fileName: string;
  message: string;
}

export interface OfflineComparison {
  other: OfflineFile;
  result: ExportComparison;
}

export class OfflineReview {
  file = $state.raw<OfflineFile | null>(null);
  comparison = $state.raw<OfflineComparison | null>(null);
  /** The name of the file being read, while it is. */
  reading = $state<string | null>(null);
  failure = $state.raw<OfflineOpenFailure | null>(null);

  async open(file: File): Promise<void> {
    const opened = await this.#read(file);
    if (!opened) return;
    this.comparison = null;
    this.file = opened;
  }

  /** Compare the open file (A, before) with another export (B, after). */
  async compareWith(file: File): Promise<void> {
    const current = this.file;
    if (!current) return;
    const other = await this.#read(file);
    if (!other) return;
    this.comparison = {
      other,
      result: compareExports(current.sessions.rows, other.sessions.rows),
    };
  }

  closeComparison(): void {
    this.comparison = null;
  }

  close(): void {
    this.comparison = null;
    this.file = null;
  }

  dismissFailure(): void {
    this.failure = null;
  }

  async #read(file: File): Promise<OfflineFile | null> {
    this.reading = file.name;
    this.failure = null;
    try {
      return await readExportFile(file);
    } catch (error) {
      this.failure = {
        fileName: file.name,
        message: error instanceof Error ? error.message : String(error),
      };
      return null;
    } finally {
      this.reading = null;
    }
  }
}
