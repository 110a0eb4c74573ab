import { closeSessionsOnAccountingOn } from './accounting-on';
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
  where: { downNas?: string[]; onlyNas?: string | null } = {},
): Promise<LiveTick> {
  const churn = await db.query(tickSql, [
    counts.end,
    counts.start,
    where.downNas ?? [],
    where.onlyNas ?? null,
  ]);
  const interims = await db.query(interimSql);
  const row = churn.rows[0] ?? {};
  return {
    interims: interims.rowCount ?? 0,
    ended: Number(row.ended ?? 0),
    started: Number(row.started ?? 0),
  };
}

export interface LiveActivity {
  /**
   * A simulated NAS reboots: FreeRADIUS closes its sessions on the Accounting-On (NAS-Reboot),
   * nobody connects to it for `downSeconds`, then its subscribers dial in again over a
   * minute. Resolves to how many sessions were closed.
   */
  rebootNas(nasIp: string, downSeconds: number): Promise<number>;
  /** Stops the loop and waits for a tick in flight, so the database can go away after it. */
  stop(): Promise<void>;
}

/** After a reboot, the NAS's subscribers come back over this many ticks. */
const reconnectTicks = 20;

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
  /** NAS that rebooted: until when they are down, and how many lines reconnect after. */
  const rebooted = new Map<
    string,
    { downUntil: number; reconnecting: number; ticksLeft: number }
  >();

  const tick = () => {
    // About one session in three ticks ends and one starts (a dozen a minute each): the
    // online count wanders but holds, and the newest rows change without flooding the page.
    const churn = () => (Math.random() < 0.35 ? 1 : 0);
    const now = Date.now();
    const downNas = [...rebooted].filter(([, nas]) => nas.downUntil > now).map(([ip]) => ip);
    inFlight = runLiveTick(db, { end: churn(), start: churn() }, { downNas })
      .then(() => reconnect(now))
      .catch((error: unknown) => {
        if (!stopped) options.onError?.(error);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };

  const reconnect = async (now: number) => {
    for (const [nasIp, nas] of rebooted) {
      if (nas.downUntil > now) continue;
      const start = Math.ceil(nas.reconnecting / reconnectTicks);
      nas.ticksLeft -= 1;
      if (nas.ticksLeft <= 0) rebooted.delete(nasIp);
      await runLiveTick(db, { end: 0, start }, { onlyNas: nasIp });
    }
  };
  timer = setTimeout(tick, everyMs);

  return {
    async rebootNas(nasIp, downSeconds) {
      // Down first, then wait out a tick in flight: nobody dials in between the close and it.
      const down = {
        downUntil: Date.now() + downSeconds * 1000,
        reconnecting: 0,
        ticksLeft: reconnectTicks,
      };
      rebooted.set(nasIp, down);
      await inFlight;
      // Accounting-On closes what started up to its own second (AcctStartTime <= the event
      // time, whole seconds): wait for the next second, so a session the live loop started
      // in this one is not left behind on a NAS that no longer has it.
      await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
      const closed = await closeSessionsOnAccountingOn(db, nasIp);
      await db.query(
        `UPDATE subscribers s SET is_online = EXISTS (
           SELECT 1 FROM radacct o WHERE o.acctstoptime IS NULL AND o.username = s.username)
         WHERE s.is_online`,
      );
      down.reconnecting = Math.round(closed * 0.9);
      return closed;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
