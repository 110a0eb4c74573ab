// "Export CSV" from choice to result. Main counts, asks where to save and writes; this class
// follows the export through `export.progress` events, and asks for its status whenever the
// events go quiet (a dropped socket loses events, never the export).
import type {
  ApiError,
  ExportCount,
  ExportProgress,
  ExportScope,
  ExportStartInput,
  SessionFilter,
} from '@contract';
import { downloadExport, listen } from '../api';
import { request } from '../request';

/** Events quiet for this long: ask main for the status instead. */
const pollMs = 1_000;

/** What the Sessions page shows when the dialog opens: the export writes exactly that. */
export type ExportView = Omit<ExportStartInput, 'scope'>;

export const isOver = (progress: ExportProgress): boolean => progress.state !== 'running';

export class CsvExport {
  /** The view being exported; null when the dialog is closed. */
  view = $state.raw<ExportView | null>(null);
  scope = $state<ExportScope>('page');
  /** "Export all"'s count; null until counted. */
  count = $state.raw<ExportCount | null>(null);
  /** Count or start refused, in words. */
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);
  progress = $state.raw<ExportProgress | null>(null);
  #lastEvent: ExportProgress | null = null;
  #lastHeardAt = 0;
  #poll: ReturnType<typeof setInterval> | null = null;

  /** Hear main's progress events; the returned function stops (page teardown). */
  connect(): () => void {
    const stop = listen('export.progress', (progress) => {
      this.#lastEvent = progress;
      if (progress.exportId === this.progress?.exportId) {
        this.#lastHeardAt = Date.now();
        this.#follow(progress);
      }
    });
    return () => {
      stop();
      this.#stopPolling();
    };
  }

  open(view: ExportView): void {
    this.view = view;
    this.scope = 'page';
    this.count = null;
    this.error = null;
    this.progress = null;
  }

  /** "All rows" needs the count first: past the limit it cannot run. */
  async choose(scope: ExportScope): Promise<void> {
    this.scope = scope;
    this.error = null;
    const view = this.view;
    if (scope !== 'all' || view === null || this.count !== null) return;
    this.busy = true;
    const result = await request('export.count', { filter: view.filter });
    if (this.view !== view) return;
    this.busy = false;
    if (result.ok) this.count = result.data;
    else this.error = result.error;
  }

  async start(): Promise<void> {
    const view = this.view;
    if (view === null || this.busy) return;
    this.busy = true;
    this.error = null;
    const result = await request('export.start', { ...view, scope: this.scope });
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.progress = result.data;
    this.#lastHeardAt = Date.now();
    // A short export may have sent its last event before start's answer arrived.
    const early = this.#lastEvent;
    if (early?.exportId === result.data.exportId) this.#follow(early);
    if (!isOver(this.progress)) {
      this.#poll = setInterval(() => void this.#pollIfQuiet(), pollMs / 4);
    }
  }

  async cancel(): Promise<void> {
    const progress = this.progress;
    if (progress === null || isOver(progress)) return;
    const result = await request('export.cancel', { exportId: progress.exportId });
    if (result.ok) this.#follow(result.data);
    else this.error = result.error;
  }

  /** Browser mode: save the finished file through the browser's own downloads. */
  async download(): Promise<void> {
    const progress = this.progress;
    if (progress?.state !== 'finished' || progress.downloadUrl === null) return;
    this.error = null;
    const result = await downloadExport(progress.downloadUrl, progress.fileName);
    if (!result.ok) this.error = result.error;
  }

  /** Close the dialog. An export still writing is cancelled: nobody would see its result. */
  close(): void {
    void this.cancel();
    this.#stopPolling();
    this.view = null;
    this.progress = null;
    this.error = null;
  }

  async #pollIfQuiet(): Promise<void> {
    const progress = this.progress;
    if (progress === null || isOver(progress) || Date.now() - this.#lastHeardAt < pollMs) return;
    this.#lastHeardAt = Date.now();
    const result = await request('export.status', { exportId: progress.exportId });
    if (result.ok) this.#follow(result.data);
  }

  #follow(next: ExportProgress): void {
    const current = this.progress;
    if (current === null || next.exportId !== current.exportId || isOver(current)) return;
    if (!isOver(next) && next.rows < current.rows) return;
    this.progress = next;
    if (isOver(next)) this.#stopPolling();
  }

  #stopPolling(): void {
    if (this.#poll !== null) clearInterval(this.#poll);
    this.#poll = null;
  }
}

/** The dialog's name for a filter, e.g. "online sessions on NAS 10.0.0.1 matching alice". */
export function describeFilter(filter: SessionFilter): string {
  const status = filter.status === 'all' ? 'all sessions' : `${filter.status} sessions`;
  const nas = filter.nasIp ? ` on NAS ${filter.nasIp}` : '';
  const search = filter.search ? ` matching "${filter.search}"` : '';
  return `${status}${nas}${search}`;
}
