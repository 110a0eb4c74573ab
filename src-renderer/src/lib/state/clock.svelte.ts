// One ticking clock for the page ("updated 3 s ago", live durations), set to the
// database's time: session start times come from the RADIUS side, so a workstation whose
// clock is off by a minute would otherwise show every duration off by a minute.

class DatabaseClock {
  #local = $state(Date.now());
  #offset = $state(0);

  constructor() {
    setInterval(() => (this.#local = Date.now()), 1000);
  }

  /** Now, in the database's clock (ms since epoch); changes once a second. */
  get now(): number {
    return this.#local + this.#offset;
  }

  /** Now in the database's clock to the millisecond, for scheduling. */
  exactNow(): number {
    return Date.now() + this.#offset;
  }

  /** Learn the database's clock from a reply's readAt (ISO 8601). */
  sync(readAt: string): void {
    const databaseNow = Date.parse(readAt);
    if (Number.isNaN(databaseNow)) return;
    const local = Date.now();
    this.#offset = databaseNow - local;
    this.#local = local;
  }
}

export const clock = new DatabaseClock();
