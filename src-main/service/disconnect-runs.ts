import {
  maxBulkSessions,
  type BulkPreview,
  type BulkSelection,
  type DisconnectRun,
  type DisconnectRunReport,
} from '@contract';
import type { NasAccess } from '../nas/disconnect';
import { OperatorError } from '../operator-error';
import { BackgroundJobs } from './background-jobs';
import { describeSelection } from './describe-selection';
import type { DeskContext } from './desk-context';
import { DisconnectRunJob } from './disconnect-run-job';
import { nasAccessForEach } from './nas-access-for';
import { currentOperator } from './operator-identity';

/** How a run is named, and what to say when none of its sessions is open any more. */
interface RunWords {
  description: (taken: number) => string;
  nothingLeft: string;
}

/**
 * Bulk disconnects: a selection of open sessions, frozen when the run starts, run as a
 * background job (bounded concurrency, cancellable), each outcome audited under the run.
 */
export class DisconnectRuns {
  private readonly jobs: BackgroundJobs<DisconnectRun, DisconnectRunJob>;

  constructor(private readonly desk: DeskContext) {
    this.jobs = new BackgroundJobs({
      noun: 'bulk run',
      work: desk.work,
      log: desk.log,
      publish: (view) => desk.events.emit('disconnect.progress', view),
    });
  }

  async preview(selection: BulkSelection): Promise<BulkPreview> {
    const { count, nasCount } = await this.desk.active.run((db) =>
      db.countSessionsToDisconnect(selection, this.desk.scope()),
    );
    return { count, nasCount, description: await this.describe(selection) };
  }

  async start(selection: BulkSelection, words?: RunWords): Promise<DisconnectRun> {
    this.jobs.refuseWhileClosing();
    const { active, store } = this.desk;
    const profileId = active.profileId;
    const described = await this.describe(selection);
    const targets = await active.run((db) =>
      db.sessionsToDisconnect(selection, this.desk.scope(), maxBulkSessions + 1),
    );
    if (targets.length > maxBulkSessions) {
      throw new OperatorError(
        'INVALID_INPUT',
        `More than ${maxBulkSessions.toLocaleString('en')} open sessions match (${described}). ` +
          'Narrow the filter (pick a NAS), or on the NAS itself use /ppp active remove [find].',
      );
    }
    if (targets.length === 0) {
      throw new OperatorError(
        'NOT_FOUND',
        words?.nothingLeft ??
          `No open session matches (${described}): there is nothing to disconnect. Refresh the table.`,
      );
    }
    const nasIps = new Set(targets.map((target) => target.nasIp));
    const accesses: Map<string, NasAccess> = await active.run((db) =>
      nasAccessForEach(store, db, profileId, nasIps),
    );
    const description = words?.description(targets.length) ?? described;
    const run = store.audit.startRun(profileId, {
      startedAt: new Date().toISOString(),
      description,
      total: targets.length,
    });
    const job = new DisconnectRunJob(
      {
        runId: run.runId,
        profileId,
        description,
        operator: currentOperator(active.connectedOperator),
        startedAt: run.startedAt,
        targets,
        accesses,
      },
      this.desk,
    );
    return this.jobs.launch(job);
  }

  cancel(runId: number): DisconnectRun {
    return this.jobs.cancel(runId);
  }

  report(runId: number): DisconnectRunReport {
    const job = this.jobs.find(runId);
    return { ...job.view(), outcomes: [...job.outcomes] };
  }

  /**
   * A new run over this run's failures that are still open now. Its description says when it
   * takes fewer than failed: "4 of 5 failed sessions (1 ended meanwhile)".
   */
  async retryFailed(runId: number): Promise<DisconnectRun> {
    const failed = this.jobs
      .find(runId)
      .outcomes.filter((outcome) => outcome.result === 'failed')
      .map((outcome) => outcome.radacctId);
    if (failed.length === 0) {
      throw new OperatorError('NOT_FOUND', `Run ${runId} has no failed sessions to retry.`);
    }
    const count = (n: number) => n.toLocaleString('en');
    const failedWords = `${count(failed.length)} failed`;
    return this.start(
      { kind: 'sessions', radacctIds: failed },
      {
        description: (taken) =>
          taken === failed.length
            ? `retry of run ${runId}: ${failedWords}`
            : `retry of run ${runId}: ${count(taken)} of ${failedWords} ` +
              `(${count(failed.length - taken)} ended meanwhile)`,
        nothingLeft:
          `All ${failedWords} sessions of run ${runId} have ended meanwhile: there is nothing ` +
          'to retry. Refresh the table.',
      },
    );
  }

  /** Stops every run from sending more (the app is closing). */
  cancelAll(): void {
    this.jobs.cancelAll();
  }

  /** The selection in words, naming a filter's NAS as the NAS directory does. */
  private async describe(selection: BulkSelection): Promise<string> {
    const nasIp = selection.kind === 'filter' ? selection.filter.nasIp?.trim() : null;
    if (!nasIp) return describeSelection(selection, null);
    const nas = await this.desk.active.run((db) => db.listNas(this.desk.scope()));
    return describeSelection(selection, nas.find((entry) => entry.nasIp === nasIp)?.name ?? null);
  }
}
