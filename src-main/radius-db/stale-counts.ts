import type { StaleCount } from './session-stats';

/**
 * How long a stale count is passed on before the stat row counts again. A session turns
 * stale only after ten minutes of silence at the least (minStaleAfterSeconds), so a count a
 * minute old is off by at most the sessions that crossed the line within that minute.
 */
export const staleCountMaxAgeMs = 60_000;

/**
 * The stat row's last stale count per operator scope (stale counting reads every online
 * row from the table; the per-NAS counts come from an index alone). Forgotten whenever
 * Session Desk closes sessions, so a sweep or a ghost close shows at the next refresh.
 */
export class StaleCounts {
  readonly #counts = new Map<string, StaleCount & { countedAtMs: number }>();
  /** Bumped by forget(): a count begun before a close must not be remembered after it. */
  #generation = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The count for this scope if it is younger than staleCountMaxAgeMs, else null. */
  recent(scopeKey: string): StaleCount | null {
    const known = this.#counts.get(scopeKey);
    if (!known || this.now() - known.countedAtMs >= staleCountMaxAgeMs) return null;
    return { stale: known.stale, staleReadAt: known.staleReadAt };
  }

  /** Call as a count begins; pass what it returns to remember(). */
  begin(): number {
    return this.#generation;
  }

  /** Keeps a count, unless Session Desk closed sessions since it began. */
  remember(scopeKey: string, count: StaleCount, begun: number): void {
    if (begun !== this.#generation) return;
    this.#counts.set(scopeKey, {
      stale: count.stale,
      staleReadAt: count.staleReadAt,
      countedAtMs: this.now(),
    });
  }

  forget(): void {
    this.#generation += 1;
    this.#counts.clear();
  }
}
