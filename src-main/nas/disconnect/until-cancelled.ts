/** What a step rejects with when the run was cancelled while it waited. */
export interface Cancelled {
  cancelled: true;
}

const cancelledMark: Cancelled = { cancelled: true };

/**
 * Waits for a step unless the signal aborts first; then rejects at once with `Cancelled`.
 * The step itself is not stopped (what was already sent is sent): only the waiting is.
 */
export function untilCancelled<T>(step: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return step;
  if (signal.aborted) {
    // The abandoned step's own failure is of no interest any more.
    step.catch(() => undefined);
    return Promise.reject(cancelledMark);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledMark);
    signal.addEventListener('abort', onAbort, { once: true });
    step.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (failure: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(failure);
      },
    );
  });
}

/** Rejects with `Cancelled` when the signal has aborted: the step after must not be sent. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledMark;
}

export function isCancelled(failure: unknown): failure is Cancelled {
  return failure === cancelledMark;
}
