import { OperatorError } from '../operator-error';

/**
 * Background work still running: disconnects, bulk runs, exports. Closing waits for it, so
 * every request already sent to a NAS is answered and audited, and every partial export
 * file removed, before the local store closes: nothing sent goes unrecorded.
 */
export class PendingWork {
  private readonly running = new Set<Promise<unknown>>();
  private closingNow = false;

  get closing(): boolean {
    return this.closingNow;
  }

  /** Refuses new work once closing has begun. */
  track<T>(work: () => Promise<T>): Promise<T> {
    if (this.closingNow) {
      return Promise.reject(
        new OperatorError('INTERNAL', 'Session Desk is closing: nothing new is sent to a NAS.'),
      );
    }
    const running = work();
    this.running.add(running);
    const forget = () => this.running.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Stops new work and waits for what runs (its outcomes are still recorded). */
  async drain(): Promise<void> {
    this.closingNow = true;
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }
}
