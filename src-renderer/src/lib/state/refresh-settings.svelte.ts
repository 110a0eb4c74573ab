// The auto-refresh period, kept by main across restarts.
import { defaultSettings, type ApiError } from '@contract';
import { request } from '../request';

export class RefreshSettings {
  refreshSeconds = $state(defaultSettings.refreshSeconds);
  error = $state.raw<ApiError | null>(null);

  async load(): Promise<void> {
    const result = await request('settings.get', {});
    if (result.ok) this.refreshSeconds = result.data.refreshSeconds;
    else this.error = result.error;
  }

  async setRefreshSeconds(refreshSeconds: number): Promise<void> {
    const result = await request('settings.set', { refreshSeconds });
    if (result.ok) {
      this.refreshSeconds = result.data.refreshSeconds;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }
}
