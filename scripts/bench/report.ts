import { budgetText, ratioOf, verdictOf, type Budget } from './budgets';
import type { AppOutcome } from './measure-app';
import { serverWorkMs, type FloorOutcome } from './measure-psql';
import { indexedSuffix, refreshCase, staleCountCase } from './cases';
import { summarize } from './timing';

export interface CaseResult {
  name: string;
  budget: Budget;
  app: AppOutcome;
  floor: FloorOutcome | null;
  rows: string;
  /** EXPLAIN output, with --explain. */
  plans: string | null;
}

const ms = (value: number) => value.toFixed(1);

function floorCell(result: CaseResult): string {
  const { floor } = result;
  if (!floor) return '-';
  if (floor.kind === 'failed') return 'error';
  // A budget on the database's work is judged on every statement added up: show that.
  if (result.budget.kind === 'database' && floor.kind === 'timed') {
    return `${ms(serverWorkMs(floor.statements))} sum`;
  }
  const { medianMs, runs } = summarize(floor.samples);
  // For a cut-off app call the floor ran without the app's timeout: how long it really takes.
  const uncut = result.app.kind === 'cut-off' ? ` uncut, ${runs} run` : '';
  return floor.kind === 'cut-off' ? `> ${ms(medianMs)}` : `${ms(medianMs)}${uncut}`;
}

function row(result: CaseResult): string[] {
  const { app, floor } = result;
  const ratio = ratioOf(app, floor);
  const timing = app.kind === 'timed' ? summarize(app.samples) : null;
  return [
    result.name,
    timing ? ms(timing.medianMs) : app.kind === 'cut-off' ? 'cut off (TIMEOUT)' : 'error',
    timing ? ms(timing.p95Ms) : '-',
    floorCell(result),
    // The database cell is a sum of statements the app ran at once: no ratio to its wait.
    ratio === null || result.budget.kind === 'database' ? '-' : `${ratio.toFixed(2)}x`,
    budgetText(result.budget),
    verdictOf(result.budget, app, floor),
    result.rows,
  ];
}

/** One plain table, columns padded; numbers right-aligned. */
export function table(results: CaseResult[], floorName = 'psql'): string {
  const header = [
    'case',
    'app median ms',
    'app p95',
    `${floorName} median ms`,
    'ratio',
    'budget',
    'verdict',
    'rows',
  ];
  const rows = [header, ...results.map(row)];
  const widths = header.map((_, column) =>
    Math.max(...rows.map((cells) => (cells[column] ?? '').length)),
  );
  const numeric = new Set([1, 2, 3, 4]);
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [line(header), rule, ...rows.slice(1).map(line)].join('\n');
}

const oneLine = (sql: string, max: number) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** What each floor was made of, and why a case failed or was cut off. */
export function details(results: CaseResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const { app, floor } = result;
    lines.push(`${result.name}:`);
    if (app.kind === 'failed') lines.push(`  app error: ${app.message}`);
    if (app.kind === 'cut-off') {
      const { medianMs, runs } = summarize(app.samples);
      lines.push(`  app: cut off after ${ms(medianMs)} ms (median of ${runs}): ${app.message}`);
    }
    if (floor?.kind === 'failed') lines.push(`  psql error: ${floor.message}`);
    if (floor && floor.kind !== 'failed') {
      for (const statement of floor.statements) {
        const { medianMs } = summarize(statement.samples);
        lines.push(`  ${ms(medianMs).padStart(8)} ms  ${oneLine(statement.text, 110)}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * The database time one refresh of the Sessions page costs (its statements through psql,
 * added up: the page and the stat row run at once, but the server does both) and what one
 * workstation refreshing every `refreshSeconds` costs a minute: its refreshes plus the stat
 * row's one stale count. One line for the stock schema, and one with the recommended
 * indexes when the run built them.
 */
export function refreshCost(results: CaseResult[], refreshSeconds: number): string | null {
  const staleCount = results.find((result) => result.name === staleCountCase);
  const staleMs =
    staleCount?.floor?.kind === 'timed' ? summarize(staleCount.floor.samples).medianMs : 0;
  const lines = results.flatMap((refresh) => {
    if (!refresh.name.startsWith(refreshCase) || refresh.floor?.kind !== 'timed') return [];
    const perRefresh = serverWorkMs(refresh.floor.statements);
    const statements = refresh.floor.statements.length;
    const schema = refresh.name.endsWith(indexedSuffix) ? 'with the recommended indexes' : 'stock';
    return [
      `Database time per refresh, ${schema} (${statements} statements, psql): ` +
        `${ms(perRefresh)} ms; per minute for one workstation refreshing every ` +
        `${refreshSeconds} s: ${ms((perRefresh * 60) / refreshSeconds + staleMs)} ms ` +
        `(${60 / refreshSeconds} refreshes and one stale count of ${ms(staleMs)} ms).`,
    ];
  });
  return lines.length > 0 ? lines.join('\n') : null;
}
