import type { NasReconciliation, Reconciliation } from '@contract';
import type { BackgroundJob } from '../background-jobs';

/** Reads one NAS's router and radacct and compares them; never throws (errors go in the view). */
export type ReadNas = (
  nas: { nasIp: string; nasName: string | null },
  signal: AbortSignal,
) => Promise<NasReconciliation>;

/** One reconciliation: NAS after NAS, each pushed as it is compared; Cancel stops between NAS. */
export class ReconcileJob implements BackgroundJob<Reconciliation> {
  readonly #state: Reconciliation;
  readonly #nas: readonly { nasIp: string; nasName: string | null }[];
  readonly #read: ReadNas;

  constructor(
    readonly id: number,
    nas: readonly { nasIp: string; nasName: string | null }[],
    read: ReadNas,
  ) {
    this.#nas = nas;
    this.#read = read;
    this.#state = {
      id,
      state: 'running',
      total: nas.length,
      done: 0,
      nas: [],
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
  }

  view(): Reconciliation {
    return { ...this.#state, nas: [...this.#state.nas] };
  }

  over(): boolean {
    return this.#state.state !== 'running';
  }

  async run(signal: AbortSignal, progress: (now?: boolean) => void): Promise<void> {
    try {
      for (const nas of this.#nas) {
        if (signal.aborted) break;
        this.#state.nas.push(await this.#read(nas, signal));
        this.#state.done += 1;
        progress();
      }
    } finally {
      this.#state.state = signal.aborted ? 'cancelled' : 'done';
      this.#state.finishedAt = new Date().toISOString();
    }
  }
}
