// The page's heartbeat: re-read every N seconds, never two reads at once, nothing while the
// window is hidden (an idle NOC screen should not load the database), and at once when it
// is shown again. Ticks fall on whole periods of the database clock, so every viewer of one
// view (browser mode) asks at the same moment and main answers them with one read.
import { clock } from './clock.svelte';

export class AutoRefresh {
  paused = $state(false);
  hidden = $state(document.visibilityState === 'hidden');
  /** A refresh is in flight. */
  running = $state(false);
  periodSeconds = $state(0);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #refresh: (force: boolean) => Promise<void>;

  /** refresh(force): force asks again even what main refused last time (the operator's Refresh). */
  constructor(refresh: (force: boolean) => Promise<void>) {
    this.#refresh = refresh;
  }

  /** Start ticking; the returned function stops it (component teardown). */
  start(periodSeconds: number): () => void {
    const onVisibility = () => {
      this.hidden = document.visibilityState === 'hidden';
      if (!this.hidden && !this.paused) void this.now();
    };
    document.addEventListener('visibilitychange', onVisibility);
    this.setPeriod(periodSeconds);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      this.#stopTimer();
    };
  }

  setPeriod(periodSeconds: number): void {
    this.periodSeconds = periodSeconds;
    this.#stopTimer();
    const period = periodSeconds * 1000;
    const schedule = () => {
      let wait = period - (clock.exactNow() % period);
      // A timer that fires a little early must not tick twice for one period.
      if (wait < period / 4) wait += period;
      this.#timer = setTimeout(() => {
        if (!this.paused && !this.hidden) void this.now();
        schedule();
      }, wait);
    };
    schedule();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.now();
  }

  /** Refresh now, unless one is already running: that one's answer is just as fresh. */
  async now(force = false): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.#refresh(force);
    } finally {
      this.running = false;
    }
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
