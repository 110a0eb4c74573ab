import type { AppOutcome } from './measure-app';
import { serverWorkMs, type FloorOutcome } from './measure-psql';
import { summarize } from './timing';

/** A DESIGN §7 budget for one case. */
export type Budget =
  | { kind: 'under'; ms: number; maxRatio?: number }
  /**
   * The database's own work (every statement through psql, added up), not the app's time:
   * what a refresh costs the server.
   */
  | { kind: 'database'; ms: number }
  /** Only against the floor: bulk disconnect is stated as a multiple of radclient's time. */
  | { kind: 'ratio'; maxRatio: number }
  /** Printed for comparison, judged against nothing. */
  | { kind: 'none' }
  /** Without trigram indexes a history search may not finish: it must be cut off cleanly. */
  | { kind: 'cut-off-cleanly'; timeoutMs: number };

export function budgetText(budget: Budget): string {
  if (budget.kind === 'cut-off-cleanly') return `TIMEOUT at ${budget.timeoutMs} ms, or done`;
  if (budget.kind === 'ratio') return `<= ${budget.maxRatio}x`;
  if (budget.kind === 'none') return '-';
  if (budget.kind === 'database') return `psql sum < ${budget.ms} ms`;
  return budget.maxRatio ? `< ${budget.ms} ms, <= ${budget.maxRatio}x` : `< ${budget.ms} ms`;
}

export function ratioOf(app: AppOutcome, floor: FloorOutcome | null): number | null {
  if (app.kind !== 'timed' || floor?.kind !== 'timed') return null;
  const floorMs = summarize(floor.samples).medianMs;
  return floorMs > 0 ? summarize(app.samples).medianMs / floorMs : null;
}

/** Judged on the median, as the budgets are stated; the p95 is printed beside it. */
export function verdictOf(budget: Budget, app: AppOutcome, floor: FloorOutcome | null): string {
  if (app.kind === 'failed') return 'FAILED';
  if (budget.kind === 'cut-off-cleanly') {
    return app.kind === 'cut-off' ? 'ok: cut off (TIMEOUT)' : 'ok: finished in time';
  }
  if (app.kind === 'cut-off') return 'OVER: cut off (TIMEOUT)';
  if (budget.kind === 'none') return 'info';
  if (budget.kind === 'database') {
    if (floor?.kind !== 'timed') return 'no psql figure';
    return serverWorkMs(floor.statements) < budget.ms ? 'ok' : 'OVER (database time)';
  }
  const over: string[] = [];
  if (budget.kind === 'under' && summarize(app.samples).medianMs >= budget.ms) over.push('time');
  const ratio = ratioOf(app, floor);
  if (budget.maxRatio && ratio !== null && ratio > budget.maxRatio) over.push('ratio');
  return over.length ? `OVER (${over.join(', ')})` : 'ok';
}
