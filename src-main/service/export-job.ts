import { basename } from 'node:path';
import type { ExportProgress } from '@contract';
import { writeSessionsCsv } from '../csv/write-sessions-csv';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { SessionPageQuery } from '../radius-db';
import type { ActiveDatabase } from './active-database';
import type { BackgroundJob } from './background-jobs';
import type { ExportTarget } from './export-destination';

const formatCount = (count: number): string => count.toLocaleString('en');

/**
 * One CSV export: rows streamed from a server-side cursor into a temp file renamed onto the
 * chosen name when complete. With no file chosen it is over before it starts.
 */
export class ExportJob implements BackgroundJob<ExportProgress> {
  private readonly progress: ExportProgress;

  constructor(
    readonly id: number,
    total: number | null,
    private readonly target: ExportTarget | null,
    private readonly query: SessionPageQuery,
    private readonly source: { active: ActiveDatabase; scope: () => OperatorScope },
  ) {
    this.progress = {
      exportId: id,
      state: target ? 'running' : 'cancelled',
      rows: 0,
      total,
      fileName: target ? basename(target.path) : '',
      message: target ? 'Reading sessions…' : 'No file was chosen: nothing was exported.',
      savedPath: null,
      downloadUrl: null,
    };
  }

  view(): ExportProgress {
    return { ...this.progress };
  }

  over(): boolean {
    return this.progress.state !== 'running';
  }

  async run(signal: AbortSignal, progress: (now?: boolean) => void): Promise<void> {
    const { target } = this;
    if (!target) return;
    const view = this.progress;
    try {
      const rows = await this.source.active.run((db) =>
        writeSessionsCsv(db, this.query, this.source.scope(), target.path, signal, (written) => {
          view.rows = written;
          view.message = `Writing ${view.fileName}…`;
          progress();
        }),
      );
      if (rows === null) {
        this.end('cancelled', 'Export cancelled: nothing was saved.');
        return;
      }
      view.rows = rows;
      view.savedPath = target.downloadUrl ? null : target.path;
      view.downloadUrl = target.downloadUrl;
      const sessions = rows === 1 ? 'session' : 'sessions';
      this.end('finished', `${formatCount(rows)} ${sessions} written to ${view.fileName}.`);
    } catch (error) {
      this.end('failed', failureMessage(error, view.fileName));
    }
  }

  private end(state: ExportProgress['state'], message: string): void {
    this.progress.state = state;
    this.progress.message = message;
  }
}

function failureMessage(error: unknown, fileName: string): string {
  const reason =
    error instanceof OperatorError
      ? error.message
      : `an unexpected error (${error instanceof Error ? error.message : String(error)})`;
  return `Export of ${fileName} failed, nothing was saved: ${reason}`;
}
