import { OperatorError } from '../operator-error';
import type { DispatchLog } from './dispatch';
import type { PendingWork } from './pending-work';

/**
 * One piece of background work the operator follows: a bulk disconnect run, an export, and
 * next the stale-session sweeps and router reconciliation. The job owns its state; the
 * registry runs it, keeps it for status calls, pushes its progress and cancels it.
 */
export interface BackgroundJob<View> {
  readonly id: number;
  /** A snapshot of the job as its progress event and status call show it. */
  view(): View;
  /** Finished, failed or cancelled: it may be forgotten once newer jobs need the room. */
  over(): boolean;
  /**
   * The work. `signal` aborts on Cancel (and when the app closes); `progress` asks for the
   * view to be pushed: throttled, or at once with `now` (state changes, the end). A job
   * records its own failures in its view; what it throws is a bug, logged.
   */
  run(signal: AbortSignal, progress: (now?: boolean) => void): Promise<void>;
}

export interface BackgroundJobsOptions<View> {
  /** What the operator calls one: "bulk run", "export". */
  noun: string;
  work: PendingWork;
  log: DispatchLog;
  /** Pushes a view to every transport (an EventHub event). */
  publish: (view: View) => void;
  /** Jobs kept for status calls; older ones that are over are forgotten. */
  kept?: number;
  /** Progress events at most this often: a 1000-session run must not flood the bridge. */
  progressEveryMs?: number;
}

interface Entry<Job> {
  job: Job;
  abort: AbortController;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The one mechanism for background jobs: keeps them, runs each through PendingWork (closing
 * waits for them, so nothing sent goes unrecorded), throttles their progress events, cancels
 * them, and forgets old ones.
 */
export class BackgroundJobs<View, Job extends BackgroundJob<View> = BackgroundJob<View>> {
  private readonly entries = new Map<number, Entry<Job>>();
  private readonly kept: number;
  private readonly progressEveryMs: number;

  constructor(private readonly options: BackgroundJobsOptions<View>) {
    this.kept = options.kept ?? 20;
    this.progressEveryMs = options.progressEveryMs ?? 100;
  }

  /** Refused in words once Session Desk is closing. */
  refuseWhileClosing(): void {
    if (this.options.work.closing) {
      throw new OperatorError(
        'INTERNAL',
        `Session Desk is closing: no new ${this.options.noun} is started.`,
      );
    }
  }

  /** Starts the job in the background and returns its first view. */
  launch(job: Job): View {
    this.refuseWhileClosing();
    const entry: Entry<Job> = { job, abort: new AbortController(), timer: undefined };
    this.entries.set(job.id, entry);
    this.forgetOld();
    const progress = (now = false): void => this.publish(entry, now);
    void this.options.work
      .track(() => job.run(entry.abort.signal, progress))
      .catch((failure: unknown) => {
        this.options.log.error(`${this.options.noun} ${job.id} stopped`, failure);
      })
      .finally(() => {
        this.publish(entry, true);
        this.forgetOld();
      });
    return job.view();
  }

  /** The job's current view; NOT_FOUND in words when it is not kept. */
  view(id: number): View {
    return this.find(id).view();
  }

  find(id: number): Job {
    const entry = this.entries.get(id);
    if (!entry) {
      throw new OperatorError(
        'NOT_FOUND',
        `${capitalised(this.options.noun)} ${id} is not known: Session Desk keeps the last ` +
          `${this.kept} until it restarts.`,
      );
    }
    return entry.job;
  }

  /** Asks the job to stop; it says in its view when it has. */
  cancel(id: number): View {
    const job = this.find(id);
    const entry = this.entries.get(id)!;
    if (!job.over()) {
      entry.abort.abort();
      this.publish(entry, true);
    }
    return job.view();
  }

  /** The app is closing: every job stops sending or writing. */
  cancelAll(): void {
    for (const entry of this.entries.values()) entry.abort.abort();
  }

  /** Pushes the job's view: at most every progressEveryMs, unless `now`. */
  private publish(entry: Entry<Job>, now: boolean): void {
    if (entry.timer !== undefined && !now) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const send = (): void => {
      entry.timer = undefined;
      this.options.publish(entry.job.view());
    };
    // The trailing push carries the latest view: a quiet job's last change is never lost.
    if (now) send();
    else entry.timer = setTimeout(send, this.progressEveryMs);
  }

  private forgetOld(): void {
    const over = [...this.entries.values()].filter((entry) => entry.job.over());
    for (const entry of over.slice(0, Math.max(0, this.entries.size - this.kept))) {
      clearTimeout(entry.timer);
      this.entries.delete(entry.job.id);
    }
  }
}

function capitalised(noun: string): string {
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}
