import {
  maxBulkSessions,
  type BulkPreview,
  type BulkSelection,
  type DisconnectOutcome,
  type DisconnectRun,
  type DisconnectRunReport,
} from '@contract';
import {
  disconnectEach,
  type DisconnectReport,
  type DisconnectTarget,
  type NasAccess,
} from '../nas/disconnect';
import { OperatorError } from '../operator-error';
import { describeSelection } from './describe-selection';
import { describeFailure, stillOpenIn, type DisconnectDeps } from './disconnect-deps';
import {
  auditEntryFor,
  cancelledOutcome,
  describeOutcome,
  type Operator,
} from './disconnect-outcome';
import { nasAccessForEach } from './nas-access-for';
import { currentOperator } from './operator-identity';

interface Run {
  view: DisconnectRun;
  profileId: number;
  operator: Operator;
  outcomes: DisconnectOutcome[];
  abort: AbortController;
  accesses: Map<string, NasAccess>;
  targets: DisconnectTarget[];
}

/** Runs kept for their reports; older finished ones are forgotten. */
const keptRuns = 20;
/** Progress events at most this often: a 1000-session run must not flood the bridge. */
const progressEveryMs = 100;

/**
 * Bulk disconnects: a selection of open sessions, frozen when the run starts, sent with
 * bounded concurrency, cancellable, each outcome audited, the whole run reported.
 */
export class DisconnectRuns {
  private readonly runs = new Map<number, Run>();
  private nextRunId = 1;
  private readonly progressTimers = new Map<number, NodeJS.Timeout>();

  constructor(private readonly deps: DisconnectDeps) {}

  async preview(selection: BulkSelection): Promise<BulkPreview> {
    const { count, nasCount } = await this.deps.active.run((db) =>
      db.countSessionsToDisconnect(selection, this.deps.scope()),
    );
    return { count, nasCount, description: describeSelection(selection) };
  }

  async start(selection: BulkSelection, description = describeSelection(selection)) {
    if (this.deps.work.closing) {
      throw new OperatorError('INTERNAL', 'Session Desk is closing: no new run is started.');
    }
    const { active, store } = this.deps;
    const profileId = active.profileId;
    const targets = await active.run((db) =>
      db.sessionsToDisconnect(selection, this.deps.scope(), maxBulkSessions + 1),
    );
    if (targets.length > maxBulkSessions) {
      throw new OperatorError(
        'INVALID_INPUT',
        `More than ${maxBulkSessions.toLocaleString('en')} open sessions match (${description}). ` +
          'Narrow the filter (pick a NAS), or on the NAS itself use /ppp active remove [find].',
      );
    }
    if (targets.length === 0) {
      throw new OperatorError(
        'NOT_FOUND',
        `No open session matches (${description}): there is nothing to disconnect. Refresh the table.`,
      );
    }
    const nasIps = new Set(targets.map((target) => target.nasIp));
    const accesses: Map<string, NasAccess> = await active.run((db) =>
      nasAccessForEach(store, db, profileId, nasIps),
    );
    return this.launch(profileId, description, targets, accesses);
  }

  cancel(runId: number): DisconnectRun {
    const run = this.find(runId);
    if (run.view.state === 'running') {
      run.abort.abort();
      run.view.state = 'cancelling';
      this.publish(run, true);
    }
    return { ...run.view };
  }

  report(runId: number): DisconnectRunReport {
    const run = this.find(runId);
    return { ...run.view, outcomes: [...run.outcomes] };
  }

  /** A new run over this run's failures that are still open now. */
  async retryFailed(runId: number): Promise<DisconnectRun> {
    const run = this.find(runId);
    const failed = run.outcomes
      .filter((outcome) => outcome.result === 'failed')
      .map((outcome) => outcome.radacctId);
    if (failed.length === 0) {
      throw new OperatorError('NOT_FOUND', `Run ${runId} has no failed sessions to retry.`);
    }
    return this.start(
      { kind: 'sessions', radacctIds: failed },
      `retry of run ${runId}: ${failed.length.toLocaleString('en')} failed`,
    );
  }

  /** Stops every run from sending more (the app is closing). */
  cancelAll(): void {
    for (const run of this.runs.values()) run.abort.abort();
  }

  private find(runId: number): Run {
    const run = this.runs.get(runId);
    if (!run) {
      throw new OperatorError(
        'NOT_FOUND',
        `Bulk run ${runId} is not known (runs are kept until Session Desk restarts, the last ${keptRuns}).`,
      );
    }
    return run;
  }

  private launch(
    profileId: number,
    description: string,
    targets: DisconnectTarget[],
    accesses: Map<string, NasAccess>,
  ): DisconnectRun {
    const runId = this.nextRunId++;
    const run: Run = {
      view: {
        runId,
        description,
        state: 'running',
        total: targets.length,
        done: 0,
        stillOnline: 0,
        failed: 0,
        cancelled: 0,
        pending: targets.length,
        unconfirmed: 0,
        startedAt: new Date().toISOString(),
        finishedAt: null,
      },
      profileId,
      operator: currentOperator(this.deps.active.connectedOperator),
      outcomes: [],
      abort: new AbortController(),
      accesses,
      targets,
    };
    this.runs.set(runId, run);
    this.forgetOldRuns();
    void this.deps.work
      .track(() => this.execute(run))
      .catch((failure: unknown) => {
        console.error(`[session-desk] bulk run ${runId} stopped:`, failure);
      });
    return { ...run.view };
  }

  private async execute(run: Run): Promise<void> {
    const acknowledged = new Map<string, { target: DisconnectTarget; report: DisconnectReport }>();
    let lastAckAt = Date.now();
    const { unsent } = await disconnectEach(
      run.targets,
      (nasIp) => run.accesses.get(nasIp)!,
      (target, report) => {
        run.view.pending -= 1;
        if (report.result === 'done') {
          acknowledged.set(target.radacctId, { target, report });
          lastAckAt = Date.now();
          run.view.done += 1;
          run.view.unconfirmed += 1;
          this.publish(run);
        } else {
          this.settle(run, target, describeOutcome(target, report));
        }
      },
      {
        signal: run.abort.signal,
        timing: this.deps.settings.timing,
        concurrency: this.deps.settings.concurrency,
        perNasConcurrency: this.deps.settings.perNasConcurrency,
      },
    );
    for (const target of unsent) {
      run.view.pending -= 1;
      this.settle(run, target, cancelledOutcome(target));
    }
    if (run.view.state === 'running') run.view.state = 'confirming';
    this.publish(run, true);
    await this.confirm(run, acknowledged, lastAckAt);
    run.view.state = run.abort.signal.aborted ? 'cancelled' : 'finished';
    run.view.finishedAt = new Date().toISOString();
    this.publish(run, true);
  }

  /**
   * Watches radacct for the acknowledged sessions' Accounting-Stops, in one query per poll,
   * until each has stopped or the grace period after the last acknowledgement has passed.
   */
  private async confirm(
    run: Run,
    acknowledged: Map<string, { target: DisconnectTarget; report: DisconnectReport }>,
    lastAckAt: number,
  ): Promise<void> {
    const graceMs = this.deps.settings.watch?.graceMs ?? 10_000;
    const pollMs = this.deps.settings.watch?.pollMs ?? 1_000;
    const confirmed = (radacctId: string, outcome: DisconnectOutcome) => {
      const entry = acknowledged.get(radacctId)!;
      acknowledged.delete(radacctId);
      run.view.unconfirmed -= 1;
      if (outcome.result === 'still-online') {
        run.view.done -= 1;
        run.view.stillOnline += 1;
      }
      this.record(run, entry.target, outcome);
    };
    while (acknowledged.size > 0) {
      let open: Set<string>;
      try {
        open = await stillOpenIn(this.deps, run.profileId, [...acknowledged.keys()]);
      } catch (failure) {
        for (const [radacctId, { target, report }] of acknowledged) {
          confirmed(radacctId, describeOutcome(target, report, describeFailure(failure)));
        }
        break;
      }
      for (const [radacctId, { target, report }] of acknowledged) {
        if (!open.has(radacctId)) confirmed(radacctId, describeOutcome(target, report));
      }
      if (acknowledged.size === 0) break;
      if (Date.now() - lastAckAt >= graceMs) {
        for (const [radacctId, { target, report }] of acknowledged) {
          if (report.result !== 'done') continue;
          const stillOpen = { ...report, result: 'still-online' as const, reason: '' };
          confirmed(radacctId, describeOutcome(target, stillOpen));
        }
        break;
      }
      this.publish(run);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** A failed or cancelled session: counted and recorded at once. */
  private settle(run: Run, target: DisconnectTarget, outcome: DisconnectOutcome): void {
    if (outcome.result === 'failed') run.view.failed += 1;
    if (outcome.result === 'cancelled') run.view.cancelled += 1;
    this.record(run, target, outcome);
    this.publish(run);
  }

  private record(run: Run, target: DisconnectTarget, outcome: DisconnectOutcome): void {
    run.outcomes.push(outcome);
    const prefix = `Run ${run.view.runId} (${run.view.description}): `;
    this.deps.store.audit.record(
      run.profileId,
      auditEntryFor('bulk-disconnect', run.operator, target, outcome, prefix),
    );
  }

  /** Pushes the run's counts, at most every progressEveryMs unless `now`. */
  private publish(run: Run, now = false): void {
    const runId = run.view.runId;
    const scheduled = this.progressTimers.get(runId);
    if (scheduled && !now) return;
    clearTimeout(scheduled);
    this.progressTimers.delete(runId);
    const send = () => {
      this.progressTimers.delete(runId);
      this.deps.events.emit('disconnect.progress', { ...run.view });
    };
    if (now) send();
    else this.progressTimers.set(runId, setTimeout(send, progressEveryMs));
  }

  private forgetOldRuns(): void {
    const finished = [...this.runs.values()].filter((run) => run.view.finishedAt !== null);
    for (const run of finished.slice(0, Math.max(0, this.runs.size - keptRuns))) {
      this.runs.delete(run.view.runId);
    }
  }
}
