import {
  maxExportRows,
  type ExportCount,
  type ExportProgress,
  type ExportStartInput,
  type SessionFilter,
} from '@contract';
import { OperatorError } from '../operator-error';
import type { SessionPageQuery } from '../radius-db';
import { BackgroundJobs } from './background-jobs';
import type { DeskContext } from './desk-context';
import { suggestedExportName } from './export-destination';
import { ExportJob } from './export-job';

const formatCount = (count: number): string => count.toLocaleString('en');

/**
 * CSV exports of the Sessions table: counted first, then written as background jobs,
 * cancellable, followed by `export.progress` events.
 */
export class ExportJobs {
  private readonly jobs: BackgroundJobs<ExportProgress, ExportJob>;
  private nextExportId = 1;

  constructor(private readonly desk: DeskContext) {
    this.jobs = new BackgroundJobs({
      noun: 'export',
      work: desk.work,
      log: desk.log,
      publish: (view) => desk.events.emit('export.progress', view),
    });
  }

  /** How many rows "Export all" would write now, and whether that is allowed. */
  async count(filter: SessionFilter): Promise<ExportCount> {
    const { count, exact } = await this.desk.active.run((db) =>
      db.countMatching(filter, this.desk.scope(), maxExportRows),
    );
    return { count, exact, allowed: count <= maxExportRows, limit: maxExportRows };
  }

  async start(input: ExportStartInput): Promise<ExportProgress> {
    this.jobs.refuseWhileClosing();
    const choose = this.desk.chooseExportPath;
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
    const query: SessionPageQuery =
      input.scope === 'all'
        ? { filter: input.filter, sort: input.sort, cursor: null, limit: maxExportRows }
        : { filter: input.filter, sort: input.sort, cursor: input.cursor, limit: input.pageSize };
    const { active, scope } = this.desk;
    return this.jobs.launch(
      new ExportJob(this.nextExportId++, total, target, query, { active, scope }),
    );
  }

  cancel(exportId: number): ExportProgress {
    return this.jobs.cancel(exportId);
  }

  status(exportId: number): ExportProgress {
    return this.jobs.view(exportId);
  }

  /** The app is closing: every export stops and deletes its partial file. */
  cancelAll(): void {
    this.jobs.cancelAll();
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
