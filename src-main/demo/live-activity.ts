import type { SqlRunner } from './seed';
import interimSql from './sql/live-interim.sql?raw';
import tickSql from './sql/live-tick.sql?raw';

export interface LiveTick {
  /** Sessions whose Interim-Update was due and moved on. */
  interims: number;
  ended: number;
  started: number;
}

/** One tick: a few sessions end, as many start, the due interims land. Two statements. */
export async function runLiveTick(
  db: SqlRunner,
  counts: { end: number; start: number },
): Promise<LiveTick> {
  const churn = await db.query(tickSql, [counts.end, counts.start]);
  const interims = await db.query(interimSql);
  const row = churn.rows[0] ?? {};
  return {
    interims: interims.rowCount ?? 0,
    ended: Number(row.ended ?? 0),
    started: Number(row.started ?? 0),
  };
}

export interface LiveActivity {
  /** Stops the loop and waits for a tick in flight, so the database can go away after it. */
  stop(): Promise<void>;
}

/**
 * Keeps the demo ISP alive: a tick every few seconds, never two at once. A failed tick is
 * reported and the loop carries on (the database may be busy, or on its way down).
 */
export function startLiveActivity(
  db: SqlRunner,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): LiveActivity {
  const everyMs = options.everyMs ?? 3000;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    // About one session in three ticks ends and one starts (a dozen a minute each): the
    // online count wanders but holds, and the newest rows change without flooding the page.
    const churn = () => (Math.random() < 0.35 ? 1 : 0);
    inFlight = runLiveTick(db, { end: churn(), start: churn() })
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!stopped) options.onError?.(error);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, everyMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
