// The page's heartbeat: re-read every N seconds, never two reads at once, nothing while the
// window is hidden (an idle NOC screen should not load the database), and at once when it
// is shown again.

export class AutoRefresh {
  paused = $state(false);
  hidden = $state(document.visibilityState === 'hidden');
  /** A refresh is in flight. */
  running = $state(false);
  periodSeconds = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;
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
    this.#timer = setInterval(() => {
      if (!this.paused && !this.hidden) void this.now();
    }, periodSeconds * 1000);
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
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
