import { basename } from 'node:path';
import {
  maxExportRows,
  type ExportCount,
  type ExportProgress,
  type ExportStartInput,
  type SessionFilter,
} from '@contract';
import { writeSessionsCsv } from '../csv/write-sessions-csv';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { SessionPageQuery } from '../radius-db';
import type { ActiveDatabase } from './active-database';
import type { EventHub } from './event-hub';
import {
  suggestedExportName,
  type ChooseExportPath,
  type ExportTarget,
} from './export-destination';
import type { PendingWork } from './pending-work';

export interface ExportDeps {
  active: ActiveDatabase;
  scope: () => OperatorScope;
  events: EventHub;
  work: PendingWork;
  /** null: this shell cannot save files (exports are refused in words). */
  chooseExportPath: ChooseExportPath | null;
}

interface Job {
  view: ExportProgress;
  abort: AbortController;
  lastPublishedAt: number;
}

/** Jobs kept for export.status; older finished ones are forgotten. */
const keptJobs = 20;
/** Progress events at most this often while rows are written. */
const progressEveryMs = 100;

const formatCount = (count: number): string => count.toLocaleString('en');

/**
 * CSV exports of the Sessions table: counted first, written in the background from a
 * server-side cursor to a temp file renamed onto the chosen name when complete,
 * cancellable, followed by `export.progress` events.
 */
export class ExportJobs {
  private readonly jobs = new Map<number, Job>();
  private nextExportId = 1;

  constructor(private readonly deps: ExportDeps) {}

  /** How many rows "Export all" would write now, and whether that is allowed. */
  async count(filter: SessionFilter): Promise<ExportCount> {
    const { count, exact } = await this.deps.active.run((db) =>
      db.countMatching(filter, this.deps.scope(), maxExportRows),
    );
    return { count, exact, allowed: count <= maxExportRows, limit: maxExportRows };
  }

  async start(input: ExportStartInput): Promise<ExportProgress> {
    if (this.deps.work.closing) {
      throw new OperatorError('INTERNAL', 'Session Desk is closing: no new export is started.');
    }
    const choose = this.deps.chooseExportPath;
    if (!choose) {
      throw new OperatorError('FORBIDDEN', 'This Session Desk cannot save files.');
    }
    let total: number | null = null;
    if (input.scope === 'all') {
      const counted = await this.count(input.filter);
      if (!counted.allowed) throw tooManyRows(counted);
      total = counted.count;
    }
    const target = await choose(suggestedExportName(input.filter));
    const job = this.register(total, target);
    if (!target) return { ...job.view };
    const query: SessionPageQuery =
      input.scope === 'all'
        ? { filter: input.filter, sort: input.sort, cursor: null, limit: maxExportRows }
        : { filter: input.filter, sort: input.sort, cursor: input.cursor, limit: input.pageSize };
    void this.deps.work
      .track(() => this.write(job, target, query))
      .catch((failure: unknown) => {
        console.error(`[session-desk] export ${job.view.exportId} stopped:`, failure);
      });
    return { ...job.view };
  }

  cancel(exportId: number): ExportProgress {
    const job = this.find(exportId);
    if (job.view.state === 'running') job.abort.abort();
    return { ...job.view };
  }

  status(exportId: number): ExportProgress {
    return { ...this.find(exportId).view };
  }

  /** The app is closing: every export stops and deletes its partial file. */
  cancelAll(): void {
    for (const job of this.jobs.values()) job.abort.abort();
  }

  private register(total: number | null, target: ExportTarget | null): Job {
    const exportId = this.nextExportId++;
    const job: Job = {
      view: {
        exportId,
        state: target ? 'running' : 'cancelled',
        rows: 0,
        total,
        fileName: target ? basename(target.path) : '',
        message: target ? 'Reading sessions…' : 'No file was chosen: nothing was exported.',
        savedPath: null,
        downloadUrl: null,
      },
      abort: new AbortController(),
      lastPublishedAt: 0,
    };
    this.jobs.set(exportId, job);
    this.forgetOldJobs();
    return job;
  }

  private async write(job: Job, target: ExportTarget, query: SessionPageQuery): Promise<void> {
    try {
      const rows = await this.deps.active.run((db) =>
        writeSessionsCsv(db, query, this.deps.scope(), target.path, job.abort.signal, (rows) => {
          job.view.rows = rows;
          job.view.message = `Writing ${job.view.fileName}…`;
          this.publish(job);
        }),
      );
      if (rows === null) {
        this.end(job, 'cancelled', 'Export cancelled: nothing was saved.');
        return;
      }
      job.view.rows = rows;
      job.view.savedPath = target.downloadUrl ? null : target.path;
      job.view.downloadUrl = target.downloadUrl;
      const sessions = rows === 1 ? 'session' : 'sessions';
      this.end(
        job,
        'finished',
        `${formatCount(rows)} ${sessions} written to ${job.view.fileName}.`,
      );
    } catch (error) {
      this.end(job, 'failed', failureMessage(error, job.view.fileName));
    }
  }

  private end(job: Job, state: ExportProgress['state'], message: string): void {
    job.view.state = state;
    job.view.message = message;
    this.publish(job, true);
  }

  /** Pushes the job's progress, at most every progressEveryMs unless `now`. */
  private publish(job: Job, now = false): void {
    const at = Date.now();
    if (!now && at - job.lastPublishedAt < progressEveryMs) return;
    job.lastPublishedAt = at;
    this.deps.events.emit('export.progress', { ...job.view });
  }

  private find(exportId: number): Job {
    const job = this.jobs.get(exportId);
    if (!job) {
      throw new OperatorError(
        'NOT_FOUND',
        `Export ${exportId} is not known (exports are kept until Session Desk restarts, the last ${keptJobs}).`,
      );
    }
    return job;
  }

  private forgetOldJobs(): void {
    const over = [...this.jobs.values()].filter((job) => job.view.state !== 'running');
    for (const job of over.slice(0, Math.max(0, this.jobs.size - keptJobs))) {
      this.jobs.delete(job.view.exportId);
    }
  }
}

function tooManyRows(counted: ExportCount): OperatorError {
  const matching = counted.exact
    ? `${formatCount(counted.count)} sessions match`
    : `More than ${formatCount(counted.limit)} sessions match`;
  return new OperatorError(
    'INVALID_INPUT',
    `${matching} this filter; "Export all" writes at most ${formatCount(counted.limit)}. ` +
      'Narrow the filter (status, NAS, search), or query the database directly ' +
      '(psql with \\copy … TO a file).',
    { count: counted.count, exact: counted.exact, limit: counted.limit },
  );
}

function failureMessage(error: unknown, fileName: string): string {
  const reason =
    error instanceof OperatorError
      ? error.message
      : `an unexpected error (${error instanceof Error ? error.message : String(error)})`;
  return `Export of ${fileName} failed, nothing was saved: ${reason}`;
}
