// The stat row: sessions online in total and per NAS.
import type { ApiError, SessionStats } from '@contract';
import { request } from '../request';
import { clock } from './clock.svelte';
import { isLinkLoss, type LinkHealth } from './link-health.svelte';

export class OnlineStats {
  /** Last good answer; kept (and shown stale) while the link is lost. */
  stats = $state.raw<SessionStats | null>(null);
  /** A refusal that is not a lost link (the loss itself shows in the banner). */
  error = $state.raw<ApiError | null>(null);
  #health: LinkHealth;

  constructor(health: LinkHealth) {
    this.#health = health;
  }

  async load(): Promise<void> {
    const result = await request('sessions.stats', {});
    this.#health.note('stats', result.ok ? null : result.error);
    if (result.ok) {
      clock.sync(result.data.readAt);
      this.stats = result.data;
      this.error = null;
    } else if (!isLinkLoss(result.error)) {
      this.error = result.error;
    }
  }
}
