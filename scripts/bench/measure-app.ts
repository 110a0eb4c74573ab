import { recordQueries, type TappedQuery } from './sql-tap';
import { errorText, isStatementTimeout } from './timing';

/** samples: milliseconds per call, as measured around the app's own function. */
export type AppOutcome =
  | { kind: 'timed'; samples: number[]; queries: TappedQuery[]; result: unknown }
  | { kind: 'cut-off'; samples: number[]; queries: TappedQuery[]; message: string }
  | { kind: 'failed'; message: string };

export interface RunCounts {
  warmup: number;
  runs: number;
}

// A call that is cut off costs the whole statement timeout; a few prove the point.
const cutOffRuns = 3;

async function timeOnce(call: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await call();
    return { ms: performance.now() - started, error: null };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/**
 * Times an app call: warm-up runs, then timed runs, then one more run with the SQL tap on
 * (kept out of the timed ones) to learn which statements it sent. A call cut off by the
 * statement timeout is a result, not a crash: it is timed a few times and reported as such.
 */
export async function measureApp(
  call: () => Promise<unknown>,
  counts: RunCounts,
): Promise<AppOutcome> {
  for (let i = 0; i < counts.warmup; i += 1) {
    const { error } = await timeOnce(call);
    if (error && !isStatementTimeout(error)) return { kind: 'failed', message: errorText(error) };
    if (error) break;
  }
  const samples: number[] = [];
  let cutOff: unknown = null;
  // Bounded: every pass adds a sample, and a first cut-off lowers the target to cutOffRuns.
  while (samples.length < (cutOff ? cutOffRuns : counts.runs)) {
    const { ms, error } = await timeOnce(call);
    if (error && !isStatementTimeout(error)) return { kind: 'failed', message: errorText(error) };
    if (error && !cutOff) {
      cutOff = error;
      samples.length = 0;
    }
    samples.push(ms);
  }
  let result: unknown = null;
  const recorded = await recordQueries(async () => (result = await call()));
  if (cutOff) {
    return { kind: 'cut-off', samples, queries: recorded.queries, message: errorText(cutOff) };
  }
  if (recorded.error) return { kind: 'failed', message: errorText(recorded.error) };
  return { kind: 'timed', samples, queries: recorded.queries, result };
}
