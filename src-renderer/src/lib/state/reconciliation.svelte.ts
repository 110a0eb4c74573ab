// Router vs database on the Stale page: one run at a time, followed until it ends (main
// keeps it as a background job), its report, and its ghosts closed once confirmed.
import type { ApiError, GhostCloseOutcome, Reconciliation, Result } from '@contract';

export interface ReconciliationCalls {
  start(nasIp: string | null): Promise<Result<Reconciliation>>;
  report(id: number): Promise<Result<Reconciliation>>;
  closeGhosts(id: number): Promise<Result<GhostCloseOutcome[]>>;
}

export class ReconciliationRun {
  report = $state.raw<Reconciliation | null>(null);
  error = $state.raw<ApiError | null>(null);
  /** The ghosts' close waits for this confirmation. */
  confirming = $state(false);
  closed = $state.raw<GhostCloseOutcome[] | null>(null);
  readonly #calls: ReconciliationCalls;
  readonly #pollMs: number;

  constructor(calls: ReconciliationCalls, pollMs = 300) {
    this.#calls = calls;
    this.#pollMs = pollMs;
  }

  get running(): boolean {
    return this.report?.state === 'running';
  }

  get ghosts(): number {
    return this.report?.nas.reduce((sum, nas) => sum + nas.ghosts.length, 0) ?? 0;
  }

  async start(nasIp: string | null): Promise<void> {
    if (this.running) return;
    this.closed = null;
    this.confirming = false;
    const started = await this.#calls.start(nasIp);
    if (!this.#took(started)) return;
    this.report = started.data;
    while (this.report?.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
      const read = await this.#calls.report(started.data.id);
      if (!this.#took(read)) return;
      this.report = read.data;
    }
  }

  async closeGhosts(): Promise<void> {
    const report = this.report;
    if (!report || report.state === 'running') return;
    this.confirming = false;
    const closed = await this.#calls.closeGhosts(report.id);
    if (this.#took(closed)) this.closed = closed.data;
  }

  #took<T>(result: Result<T>): result is { ok: true; data: T } {
    this.error = result.ok ? null : result.error;
    return result.ok;
  }
}
