import type { GhostCloseOutcome, Reconciliation } from '@contract';
import { OperatorError } from '../../operator-error';
import { BackgroundJobs } from '../background-jobs';
import { closeGhost } from '../cleanup/close-ghost';
import type { DeskContext } from '../desk-context';
import { reconcileNas } from './read-nas';
import { ReconcileJob } from './reconcile-job';

/**
 * Router vs database: `/ppp/active` of each NAS against radacct's open sessions there, as
 * background jobs (progress NAS by NAS, Cancel), and the ghosts they found closed on request.
 */
export class Reconciliations {
  readonly #jobs: BackgroundJobs<Reconciliation, ReconcileJob>;
  #nextId = 1;

  constructor(
    private readonly desk: DeskContext,
    private readonly timeoutMs?: number,
  ) {
    this.#jobs = new BackgroundJobs({
      noun: 'reconciliation',
      work: desk.work,
      log: desk.log,
      publish: (view) => desk.events.emit('reconcile.progress', view),
    });
  }

  async start(nasIp: string | null): Promise<Reconciliation> {
    this.#jobs.refuseWhileClosing();
    const { active, store, scope } = this.desk;
    const profileId = active.profileId;
    const db = await active.database();
    const known = await db.listNas(scope());
    const nas =
      nasIp === null
        ? known.map((entry) => ({ nasIp: entry.nasIp, nasName: entry.name }))
        : known
            .filter((entry) => entry.nasIp === nasIp.trim())
            .map((entry) => ({ nasIp: entry.nasIp, nasName: entry.name }));
    if (nas.length === 0) {
      throw new OperatorError(
        'NOT_FOUND',
        nasIp === null
          ? 'No NAS to reconcile: none has open sessions you can see.'
          : `NAS ${nasIp} has no open sessions you can see: nothing to reconcile.`,
      );
    }
    const job = new ReconcileJob(this.#nextId++, nas, (entry, signal) =>
      reconcileNas(
        { store, db, profileId, scope: scope(), timeoutMs: this.timeoutMs },
        entry,
        signal,
      ),
    );
    return this.#jobs.launch(job);
  }

  report(id: number): Reconciliation {
    return this.#jobs.view(id);
  }

  cancel(id: number): Reconciliation {
    return this.#jobs.cancel(id);
  }

  cancelAll(): void {
    this.#jobs.cancelAll();
  }

  /** Closes the ghosts a finished reconciliation found (its report was the preview). */
  async closeGhosts(id: number): Promise<GhostCloseOutcome[]> {
    const report = this.#jobs.view(id);
    if (report.state === 'running') {
      throw new OperatorError(
        'INVALID_INPUT',
        `Reconciliation ${id} is still running: close its ghosts once it has finished.`,
      );
    }
    const outcomes: GhostCloseOutcome[] = [];
    for (const nas of report.nas) {
      for (const ghost of nas.ghosts) {
        outcomes.push(
          await closeGhost(
            this.desk,
            ghost.radacctId,
            `reconciliation ${id}: not in /ppp/active of ${nas.nasName ?? nas.nasIp}`,
          ),
        );
      }
    }
    return outcomes;
  }
}
