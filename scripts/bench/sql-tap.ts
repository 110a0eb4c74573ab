import { createRequire } from 'node:module';
import pg from 'pg';

/** One statement as the app sent it, with its parameters as node-pg put them on the wire. */
export interface TappedQuery {
  text: string;
  /** Text form of each parameter (null = SQL NULL), exactly what node-pg sends. */
  values: (string | null)[];
  /** performance.now() when it was sent and when its answer came back. */
  sentAt: number;
  settledAt: number;
}

// node-pg's own conversion (Date, arrays, objects → text), so the floor gets identical input.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as {
  prepareValue: (value: unknown) => unknown;
};

let recording: TappedQuery[] | null = null;

function toWire(value: unknown): string | null {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return null;
  // bytea goes as hex text, the form psql accepts as a literal.
  if (Buffer.isBuffer(prepared)) return `\\x${prepared.toString('hex')}`;
  return String(prepared);
}

function describe(args: unknown[]): Pick<TappedQuery, 'text' | 'values'> | null {
  const [config, second] = args;
  const fromConfig = typeof config === 'object' && config !== null;
  const text = fromConfig ? (config as { text?: unknown }).text : config;
  const values = Array.isArray(second)
    ? second
    : fromConfig
      ? (config as { values?: unknown }).values
      : undefined;
  if (typeof text !== 'string') return null;
  return { text, values: Array.isArray(values) ? values.map(toWire) : [] };
}

/**
 * Wraps pg.Client#query (which Pool#query also goes through) so the bench sees the SQL the
 * app sends without a hook in radius-db. Costs one branch per query when not recording.
 * Must run before the app opens its pool; it patches this process's copy of pg only.
 */
export function installSqlTap(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function tappedQuery(this: unknown, ...args: unknown[]) {
    const sink = recording;
    const described = sink ? describe(args) : null;
    if (!sink || !described) return original.apply(this, args);
    const entry: TappedQuery = { ...described, sentAt: performance.now(), settledAt: NaN };
    sink.push(entry);
    const settle = () => (entry.settledAt = performance.now());
    // Pool#query passes a callback; a direct client.query returns a promise.
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        settle();
        return (last as (...results: unknown[]) => unknown)(...results);
      };
    }
    const returned = original.apply(this, args);
    if (returned instanceof Promise) returned.then(settle, settle);
    return returned;
  };
}

/** Runs work once and returns the statements it sent, in order, and what it returned. */
export async function recordQueries(
  work: () => Promise<unknown>,
): Promise<{ queries: TappedQuery[]; error: unknown }> {
  const queries: TappedQuery[] = [];
  recording = queries;
  try {
    await work();
    return { queries, error: null };
  } catch (error) {
    return { queries, error };
  } finally {
    recording = null;
  }
}

/**
 * Statements the app sent at the same time (a page and its count run on two connections)
 * form one wave: a wave costs its slowest statement, the call costs the sum of its waves.
 * Returns, per statement, the index of its wave.
 */
export function wavesOf(queries: TappedQuery[]): number[] {
  const waves: number[] = [];
  let wave = -1;
  let waveEnds = -Infinity;
  for (const query of queries) {
    if (query.sentAt >= waveEnds) wave += 1;
    const ends = Number.isNaN(query.settledAt) ? query.sentAt : query.settledAt;
    waveEnds = query.sentAt >= waveEnds ? ends : Math.max(waveEnds, ends);
    waves.push(wave);
  }
  return waves;
}
