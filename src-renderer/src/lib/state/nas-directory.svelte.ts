// The NAS dropdown: every NAS the profile's database knows (nas_devices, nas, or radacct).
import type { ApiError, NasEntry } from '@contract';
import { request } from '../request';
import { isLinkLoss, type LinkHealth } from './link-health.svelte';

export class NasDirectory {
  entries = $state.raw<NasEntry[]>([]);
  loaded = $state(false);
  /** A refusal that is not a lost link (the loss itself shows in the banner). */
  error = $state.raw<ApiError | null>(null);
  #health: LinkHealth;

  constructor(health: LinkHealth) {
    this.#health = health;
  }

  async load(): Promise<void> {
    const result = await request('nas.list', {});
    this.#health.note('nas', result.ok ? null : result.error);
    if (result.ok) {
      this.entries = result.data;
      this.loaded = true;
      this.error = null;
    } else if (!isLinkLoss(result.error)) {
      this.error = result.error;
    }
  }

  /** Read once; again only if that failed (the NAS list rarely changes during a shift). */
  async ensureLoaded(): Promise<void> {
    if (!this.loaded) await this.load();
  }
}
