/** Median and 95th percentile (nearest rank) of a run's samples, in milliseconds. */
export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export function summarize(samples: number[]): Timing {
  if (samples.length === 0) throw new Error('No samples to summarize.');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const middle = sorted.length / 2;
  const medianMs =
    sorted.length % 2 === 1
      ? rank(0.5)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { medianMs, p95Ms: rank(0.95), runs: samples.length };
}

/** The code a cut-off statement comes back with: the app's TIMEOUT, or raw SQLSTATE 57014. */
export function isStatementTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'TIMEOUT' || code === '57014';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
