// One subscriber's detail as the Subscriber page shows it: read when the username changes,
// re-read after a disconnect or on Refresh. A stale answer for a previous username is dropped.
import type { ApiError, SubscriberDetail } from '@contract';
import { request } from '../request';

export class SubscriberLookup {
  username = $state<string | null>(null);
  detail = $state.raw<SubscriberDetail | null>(null);
  error = $state.raw<ApiError | null>(null);
  loading = $state(false);

  async show(username: string): Promise<void> {
    if (username !== this.username) {
      this.username = username;
      this.detail = null;
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const username = this.username;
    if (username === null) return;
    this.loading = true;
    const result = await request('subscribers.detail', { username });
    if (this.username !== username) return;
    this.loading = false;
    if (result.ok) {
      this.detail = result.data;
      this.error = null;
    } else {
      this.detail = null;
      this.error = result.error;
    }
  }
}
