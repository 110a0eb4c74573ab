import type { NasPathError } from '../nas-path-error';

/**
 * node-routeros never settles a call whose connection drops, and has no per-call timeout.
 * Every call goes through here instead: it settles when the library answers, when its own
 * timer runs out, or when the connection is declared lost, whichever comes first. After
 * a loss, new calls fail at once with the same error.
 */
export class PendingCalls {
  private readonly failures = new Set<(error: NasPathError) => void>();
  private lost: NasPathError | null = null;

  run<T>(
    call: () => Promise<T>,
    timeoutMs: number,
    timedOut: () => NasPathError,
    refused: (failure: unknown) => NasPathError,
  ): Promise<T> {
    if (this.lost) return Promise.reject(this.lost);
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.failures.delete(fail);
      };
      const fail = (error: NasPathError) => {
        settle();
        reject(error);
      };
      const timer = setTimeout(() => fail(timedOut()), timeoutMs);
      this.failures.add(fail);
      // A late answer after a timeout or a loss lands here and is dropped on purpose.
      call().then(
        (value) => {
          settle();
          resolve(value);
        },
        (failure: unknown) => fail(refused(failure)),
      );
    });
  }

  /** The connection is gone: fail everything in flight and everything after. */
  loseAll(error: NasPathError): void {
    this.lost ??= error;
    for (const fail of [...this.failures]) fail(this.lost);
  }
}
