import { resultSummary, type BenchCase } from './cases';
import { measureApp, type AppOutcome } from './measure-app';
import { explainStatements, measurePsql, type FloorOutcome } from './measure-psql';
import type { BenchOptions } from './options';
import type { CaseResult } from './report';

// App and psql take turns in rounds, so a burst of other work on the machine lands on both
// sides of the ratio instead of on whichever happened to be running.
const rounds = 3;
// A cut-off statement is replayed bare once, with this much room, to show what it would have
// cost: at 10M rows one such replay of a history search takes tens of seconds.
const uncutLimitMs = 60_000;
const uncutRuns = { warmup: 0, runs: 1 };

/** The later round's samples added to the earlier's; a round that went wrong wins. */
function mergeApp(earlier: AppOutcome, later: AppOutcome): AppOutcome {
  if (earlier.kind !== 'timed' || later.kind !== 'timed') return later;
  return { ...earlier, samples: [...earlier.samples, ...later.samples] };
}

function mergeFloor(earlier: FloorOutcome, later: FloorOutcome): FloorOutcome {
  if (earlier.kind !== 'timed' || later.kind !== 'timed') return later;
  return {
    kind: 'timed',
    samples: [...earlier.samples, ...later.samples],
    statements: earlier.statements.map((statement, index) => ({
      ...statement,
      samples: [...statement.samples, ...(later.statements[index]?.samples ?? [])],
    })),
  };
}

export async function runCase(
  benchCase: BenchCase,
  url: URL,
  options: BenchOptions,
): Promise<CaseResult> {
  console.log(`  ${benchCase.name}`);
  const perRound = Math.max(1, Math.ceil(options.runs / rounds));
  const first = { warmup: options.warmup, runs: perRound };
  const later = { warmup: 1, runs: perRound };
  const timeoutMs = options.statementTimeoutMs;

  let app = await measureApp(benchCase.call, first);
  let floor: FloorOutcome | null = null;
  if (app.kind === 'cut-off') floor = await measurePsql(url, app.queries, uncutRuns, uncutLimitMs);
  if (app.kind === 'timed') {
    const queries = app.queries;
    floor = await measurePsql(url, queries, first, timeoutMs);
    for (let round = 1; round < rounds && app.kind === 'timed' && floor.kind === 'timed'; round++) {
      app = mergeApp(app, await measureApp(benchCase.call, later));
      floor = mergeFloor(floor, await measurePsql(url, queries, later, timeoutMs));
    }
  }

  const plans =
    options.explain && app.kind !== 'failed'
      ? await explainStatements(url, app.queries, app.kind === 'timed' ? timeoutMs : uncutLimitMs)
      : null;
  const rows = app.kind === 'timed' ? resultSummary(app.result) : '';
  return { name: benchCase.name, budget: benchCase.budget, app, floor, rows, plans };
}
