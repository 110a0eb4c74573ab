export interface StopWatch {
  /** How long the NAS gets to send its Accounting-Stop after acknowledging. */
  graceMs?: number;
  pollMs?: number;
}

/**
 * Polls until the session's Accounting-Stop is recorded, or the grace period ends. The last
 * read happens at the end of the grace period, so a stop that lands just in time counts.
 * A failing read rejects: "still online" would then be a guess.
 */
export async function watchForStop(
  readStop: () => Promise<boolean>,
  { graceMs = 10_000, pollMs = 1_000 }: StopWatch = {},
): Promise<'stopped' | 'still-online'> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    if (await readStop()) return 'stopped';
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) return 'still-online';
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, remainingMs)));
  }
}
