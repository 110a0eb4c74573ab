import { sessionSettings } from '../../src-main/radius-db/db-pool';
import { runPsql } from './psql';
import { summarize } from './timing';
import { wavesOf, type TappedQuery } from './sql-tap';
import type { RunCounts } from './measure-app';

/** One statement of the floor: its SQL and its own times through psql. */
export interface StatementFloor {
  text: string;
  samples: number[];
}

/**
 * samples: milliseconds per call, the app's statements combined as the app ran them (the
 * statements it sent at once count as their slowest): what the operator waits for.
 */
export type FloorOutcome =
  | { kind: 'timed' | 'cut-off'; samples: number[]; statements: StatementFloor[] }
  | { kind: 'failed'; message: string };

/**
 * The median, over the runs, of every statement added up, concurrent or not: the server's
 * own work for the call, what a refresh costs the database (samples is the wait instead).
 */
export function serverWorkMs(statements: StatementFloor[]): number {
  const runs = Math.min(...statements.map((statement) => statement.samples.length));
  const perRun = Array.from({ length: runs }, (_, run) =>
    statements.reduce((sum, statement) => sum + (statement.samples[run] ?? 0), 0),
  );
  return summarize(perRun).medianMs;
}

// Session set-up the pool does on connect: it is not the query, so it is not replayed.
const sessionSetup = /^\s*(SET|RESET|SHOW|BEGIN|COMMIT|ROLLBACK|START)\b|set_config\s*\(/i;

const literal = (value: string | null) =>
  value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;

const executeSql = (index: number, query: TappedQuery) =>
  `EXECUTE bench_${index}${query.values.length ? `(${query.values.map(literal).join(', ')})` : ''}`;

// :SQLSTATE after each statement tells which one failed; stdout keeps them in order.
const execute = (index: number, query: TappedQuery) =>
  `${executeSql(index, query)};\n\\echo :SQLSTATE`;

/** Session settings and PREPAREs shared by the timed replay and --explain. */
function preamble(queries: TappedQuery[], statementTimeoutMs: number): string[] {
  return [
    'SET plan_cache_mode = force_custom_plan;',
    `SET statement_timeout = ${statementTimeoutMs};`,
    // What the app's pool sets on every connection (TimeZone, JIT, parallel workers), so the
    // floor plans the statements as the app's sessions do; their rows go nowhere.
    '\\o /dev/null',
    ...sessionSettings.map((statement) => `${statement};`),
    '\\o',
    ...queries.map(
      (query, index) => `PREPARE bench_${index} AS ${query.text.trim().replace(/;$/, '')};`,
    ),
  ];
}

const replayable = (recorded: TappedQuery[]) =>
  recorded.filter((query) => !sessionSetup.test(query.text));

/** EXPLAIN (ANALYZE, BUFFERS) of each statement the app sent, as psql prints it. */
export async function explainStatements(
  url: URL,
  recorded: TappedQuery[],
  statementTimeoutMs: number,
): Promise<string> {
  const queries = replayable(recorded);
  const script = [
    ...preamble(queries, statementTimeoutMs),
    ...queries.map((query, index) => `EXPLAIN (ANALYZE, BUFFERS) ${executeSql(index, query)};`),
  ].join('\n');
  const result = await runPsql(url, script);
  return `${result.stdout}${result.stderr}`;
}

/**
 * The floor: the statements the app sent, run bare through psql in one session — PREPAREd
 * from the exact text and EXECUTEd with the exact parameter text, as the extended protocol
 * does, with custom plans forced (the app's statements with parameters go unnamed and are
 * planned for their values every time; those without keep one plan per connection, as
 * PostgreSQL does here for a prepared statement without parameters whatever
 * plan_cache_mode says). Times are psql's \timing: send to last row received, no rendering (\o to
 * /dev/null). Statements the app ran concurrently count as their slowest (see wavesOf).
 */
export async function measurePsql(
  url: URL,
  recorded: TappedQuery[],
  counts: RunCounts,
  statementTimeoutMs: number,
): Promise<FloorOutcome> {
  const queries = replayable(recorded);
  if (queries.length === 0) return { kind: 'failed', message: 'the app sent no SQL to replay' };
  const waves = wavesOf(queries);
  const iteration = queries.map((query, index) => execute(index, query)).join('\n');
  const script = [
    ...preamble(queries, statementTimeoutMs),
    '\\o /dev/null',
    ...Array.from({ length: counts.warmup }, () => iteration),
    '\\timing on',
    ...Array.from({ length: counts.runs }, () => iteration),
  ].join('\n');

  const result = await runPsql(url, script);
  const lines = result.stdout.split('\n');
  const times: number[] = [];
  const states: string[] = [];
  for (const line of lines) {
    const time = /^Time: ([\d.]+) ms/.exec(line);
    if (time) times.push(Number(time[1]));
    else if (/^[0-9A-Z]{5}$/.test(line.trim())) states.push(line.trim());
  }
  // Warm-up statements report a state but no time: keep the timed ones, the last of each.
  const timedStates = states.slice(states.length - times.length);
  const expected = queries.length * counts.runs;
  if (result.exitCode !== 0 || times.length !== expected) {
    return { kind: 'failed', message: `psql: ${result.stderr.trim() || 'unexpected output'}` };
  }
  const failed = timedStates.find((state) => state !== '00000' && state !== '57014');
  if (failed) {
    return { kind: 'failed', message: `psql: SQLSTATE ${failed}: ${result.stderr.trim()}` };
  }

  const perCall: number[] = [];
  for (let run = 0; run < counts.runs; run += 1) {
    const slowestPerWave = new Map<number, number>();
    queries.forEach((_, index) => {
      const ms = times[run * queries.length + index] ?? NaN;
      const wave = waves[index] ?? index;
      slowestPerWave.set(wave, Math.max(slowestPerWave.get(wave) ?? 0, ms));
    });
    perCall.push([...slowestPerWave.values()].reduce((sum, ms) => sum + ms, 0));
  }
  const statements = queries.map((query, index) => ({
    text: query.text,
    samples: times.filter((_, at) => at % queries.length === index),
  }));
  const cutOff = timedStates.includes('57014');
  return { kind: cutOff ? 'cut-off' : 'timed', samples: perCall, statements };
}
