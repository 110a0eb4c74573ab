// The stat row: sessions online in total and per NAS, with each NAS's last 24 h and the
// drops raised from radacct; one read ('health.overview') per refresh.
import type { ApiError, DropAlert, NasHealthOverview, SessionStats } from '@contract';
import { request } from '../request';
import { clock } from './clock.svelte';
import { isLinkLoss, type LinkHealth } from './link-health.svelte';

export class OnlineStats {
  /** Last good answer; kept (and shown stale) while the link is lost. */
  overview = $state.raw<NasHealthOverview | null>(null);
  readonly stats: SessionStats | null = $derived(this.overview?.stats ?? null);
  /** Drops no one has acknowledged yet: the banner. */
  readonly unacknowledged: DropAlert[] = $derived(
    (this.overview?.alerts ?? []).filter((alert) => alert.acknowledged === null),
  );
  /** A refusal that is not a lost link (the loss itself shows in the banner). */
  error = $state.raw<ApiError | null>(null);
  /** Why the last acknowledgement failed, if it did. */
  acknowledgeError = $state.raw<ApiError | null>(null);
  #health: LinkHealth;

  constructor(health: LinkHealth) {
    this.#health = health;
  }

  async load(): Promise<void> {
    const result = await request('health.overview', {});
    this.#health.note('stats', result.ok ? null : result.error);
    if (result.ok) {
      clock.sync(result.data.stats.readAt);
      this.overview = result.data;
      this.error = null;
    } else if (!isLinkLoss(result.error)) {
      this.error = result.error;
    }
  }

  /** The operator has seen this drop: it leaves the banner and is written to the audit log. */
  async acknowledge(alertId: string): Promise<void> {
    const result = await request('health.acknowledge', { alertId });
    if (!result.ok) {
      this.acknowledgeError = result.error;
      return;
    }
    this.acknowledgeError = null;
    const overview = this.overview;
    if (overview) {
      this.overview = {
        ...overview,
        alerts: overview.alerts.map((alert) => (alert.id === alertId ? result.data : alert)),
      };
    }
  }
}
