import type { DisconnectOutcome, DisconnectPath, DisconnectRun, RunState } from '@contract';
import {
  anythingSent,
  disconnectEach,
  nasWords,
  type DisconnectReport,
  type DisconnectTarget,
  type NasAccess,
  type PathVerdict,
} from '../nas/disconnect';
import { sentences } from '../sentences';
import type { BackgroundJob } from './background-jobs';
import type { DeskContext } from './desk-context';
import {
  auditEntryFor,
  cancelledOutcome,
  settleOutcome,
  type Operator,
} from './disconnect-outcome';
import { tallyOutcomes } from './run-tally';

/** What a run takes, frozen when it starts. */
export interface RunPlan {
  /** The durable id the audit log gave the run. */
  runId: number;
  profileId: number;
  description: string;
  operator: Operator;
  startedAt: string;
  targets: DisconnectTarget[];
  accesses: Map<string, NasAccess>;
}

const pathNames: Record<DisconnectPath, string> = {
  'routeros-api': 'RouterOS API',
  coa: 'CoA',
};

/**
 * One bulk disconnect: its sessions sent with bounded concurrency, each then watched in
 * radacct by the service's one watcher (a watch holds no request slot), each outcome audited
 * under the run as it settles. Cancel stops everything that would leave this workstation;
 * what was already sent is still watched, so its outcome is true.
 */
export class DisconnectRunJob implements BackgroundJob<DisconnectRun> {
  readonly id: number;
  private readonly settled: DisconnectOutcome[] = [];
  /** Sessions whose paths have run, watched in radacct now. */
  private readonly confirming = new Set<string>();
  private readonly notices: string[] = [];
  private state: RunState = 'running';
  private finishedAt: string | null = null;

  constructor(
    private readonly plan: RunPlan,
    private readonly desk: DeskContext,
  ) {
    this.id = plan.runId;
  }

  /** Every outcome so far, in the order they settled. */
  get outcomes(): readonly DisconnectOutcome[] {
    return this.settled;
  }

  view(): DisconnectRun {
    const { total } = this;
    return {
      runId: this.id,
      description: this.plan.description,
      state: this.state,
      total,
      ...tallyOutcomes(this.settled),
      unconfirmed: this.confirming.size,
      pending: total - this.settled.length - this.confirming.size,
      notices: [...this.notices],
      startedAt: this.plan.startedAt,
      finishedAt: this.finishedAt,
    };
  }

  over(): boolean {
    return this.finishedAt !== null;
  }

  async run(signal: AbortSignal, progress: (now?: boolean) => void): Promise<void> {
    signal.addEventListener(
      'abort',
      () => {
        if (this.state === 'running') this.state = 'cancelling';
        progress(true);
      },
      { once: true },
    );
    const watches: Promise<void>[] = [];
    const settings = this.desk.disconnect;
    const { unsent } = await disconnectEach(
      this.plan.targets,
      (nasIp) => this.plan.accesses.get(nasIp)!,
      (target, report) => {
        this.confirming.add(target.radacctId);
        progress();
        watches.push(this.confirm(target, report).then(() => progress()));
      },
      {
        signal,
        timing: settings.timing,
        concurrency: settings.concurrency,
        perNasConcurrency: settings.perNasConcurrency,
        onVerdict: (verdict) => {
          this.notices.push(this.noticeFor(verdict));
          progress(true);
        },
      },
    );
    for (const target of unsent) {
      this.confirming.add(target.radacctId);
      watches.push(this.confirmUnsent(target));
    }
    if (this.state === 'running') this.state = 'confirming';
    progress(true);
    await Promise.all(watches);
    this.state = signal.aborted ? 'cancelled' : 'finished';
    this.finishedAt = new Date().toISOString();
    progress(true);
  }

  private get total(): number {
    return this.plan.targets.length;
  }

  /** radacct decides: watched for the grace period when a request went out, else read once. */
  private async confirm(target: DisconnectTarget, report: DisconnectReport): Promise<void> {
    const graceMs = anythingSent(report) ? this.desk.watcher.defaultGraceMs : 0;
    const reading = await this.desk.watcher.watch(this.plan.profileId, target.radacctId, graceMs);
    this.confirming.delete(target.radacctId);
    this.record(target, settleOutcome(target, report, reading, graceMs));
  }

  /** Never sent: one radacct read (shared with the others) says whether it is still online. */
  private async confirmUnsent(target: DisconnectTarget): Promise<void> {
    const reading = await this.desk.watcher.watch(this.plan.profileId, target.radacctId, 0);
    this.confirming.delete(target.radacctId);
    this.record(target, cancelledOutcome(target, reading));
  }

  private record(target: DisconnectTarget, outcome: DisconnectOutcome): void {
    this.settled.push(outcome);
    try {
      this.desk.store.audit.record(
        this.plan.profileId,
        auditEntryFor('bulk-disconnect', this.plan.operator, target, outcome, this.id),
      );
    } catch (failure) {
      // A failing record (a full disk) must not stall the sessions still queued.
      this.desk.log.error(`recording run ${this.id}'s outcome for ${target.radacctId}`, failure);
    }
  }

  private noticeFor({ nasIp, path, reason }: PathVerdict): string {
    const nasName = this.plan.targets.find((target) => target.nasIp === nasIp)?.nasName ?? null;
    return sentences(
      `${pathNames[path]} on ${nasWords({ nasIp, nasName })}: ${reason}`,
      'Its other sessions in this run skip it',
    );
  }
}
