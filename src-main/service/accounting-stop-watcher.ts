import type { DispatchLog } from './dispatch';

/** What radacct said about one session once its disconnect had run. */
export type StopReading =
  /** The Accounting-Stop is there; `at` is its time (ISO 8601), null for an archived row. */
  | { kind: 'stopped'; at: string | null }
  /** No Accounting-Stop by the end of the grace period. */
  | { kind: 'open' }
  /** radacct could not be read (database down, profile switched): no verdict. */
  | { kind: 'unknown'; why: string };

export interface StopWatchTiming {
  /** How long a session gets to show its Accounting-Stop after its disconnect ran. */
  graceMs: number;
  /** How often radacct is read while sessions are watched. */
  pollMs: number;
}

export const defaultStopWatch: StopWatchTiming = { graceMs: 10_000, pollMs: 1_000 };

/**
 * Reads the Accounting-Stops of these sessions in the database of this profile: stop time by
 * radacct id for the closed ones. Throws when it cannot (no verdict is then given).
 */
export type ReadStops = (
  profileId: number,
  radacctIds: string[],
) => Promise<Map<string, string | null>>;

interface Watched {
  profileId: number;
  radacctId: string;
  deadline: number;
  settle: (reading: StopReading) => void;
}

/**
 * The one watcher of radacct for disconnects, single and bulk alike: every watched session is
 * read in one batched query per profile per poll, and each gets its verdict as soon as its
 * Accounting-Stop shows, or once its own grace period has passed (after a last read then, so
 * a stop that lands just in time counts).
 */
export class AccountingStopWatcher {
  private readonly watched = new Set<Watched>();
  private polling = false;
  private wake: (() => void) | null = null;
  private nextReadAt = Infinity;

  constructor(
    private readonly readStops: ReadStops,
    private readonly timing: StopWatchTiming,
    private readonly log: DispatchLog,
  ) {}

  get defaultGraceMs(): number {
    return this.timing.graceMs;
  }

  /** Watches one session; a grace of 0 is a single read. Never rejects. */
  watch(profileId: number, radacctId: string, graceMs = this.timing.graceMs): Promise<StopReading> {
    return new Promise<StopReading>((settle) => {
      const deadline = Date.now() + graceMs;
      this.watched.add({ profileId, radacctId, deadline, settle });
      if (!this.polling) {
        void this.poll();
      } else if (deadline < this.nextReadAt) {
        this.wake?.();
      }
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      // Sessions watched in the same turn (a bulk run's wave) share the first read.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.watched.size > 0) {
        await this.readOnce();
        if (this.watched.size === 0) break;
        const nearest = Math.min(...[...this.watched].map((entry) => entry.deadline));
        await this.sleep(Math.max(0, Math.min(this.timing.pollMs, nearest - Date.now())));
      }
    } catch (failure) {
      // readOnce settles every failure itself; this is a bug, and nobody may hang on it.
      this.log.error('watching radacct for Accounting-Stops failed', failure);
      for (const entry of this.watched) entry.settle({ kind: 'unknown', why: 'internal error' });
      this.watched.clear();
    } finally {
      this.polling = false;
    }
  }

  private async readOnce(): Promise<void> {
    const byProfile = new Map<number, Watched[]>();
    for (const entry of this.watched) {
      byProfile.set(entry.profileId, [...(byProfile.get(entry.profileId) ?? []), entry]);
    }
    await Promise.all(
      [...byProfile].map(async ([profileId, entries]) => {
        const ids = [...new Set(entries.map((entry) => entry.radacctId))];
        let stops: Map<string, string | null>;
        try {
          stops = await this.readStops(profileId, ids);
        } catch (failure) {
          const why = failure instanceof Error ? failure.message : String(failure);
          for (const entry of entries) this.finish(entry, { kind: 'unknown', why });
          return;
        }
        const now = Date.now();
        for (const entry of entries) {
          if (stops.has(entry.radacctId)) {
            this.finish(entry, { kind: 'stopped', at: stops.get(entry.radacctId) ?? null });
          } else if (now >= entry.deadline) {
            this.finish(entry, { kind: 'open' });
          }
        }
      }),
    );
  }

  private finish(entry: Watched, reading: StopReading): void {
    this.watched.delete(entry);
    entry.settle(reading);
  }

  /** Waits for the next read; a session watched meanwhile with an earlier deadline wakes it. */
  private sleep(ms: number): Promise<void> {
    this.nextReadAt = Date.now() + ms;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        this.nextReadAt = Infinity;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
