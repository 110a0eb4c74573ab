// The Sessions per NAS page: which NAS (or all), which span, the chart, the NAS's own
// figures, and the profile's drop thresholds.
import type {
  ApiError,
  DropThresholds,
  HistorySpan,
  NasHealthDetail,
  NasHealthOverview,
  OnlineHistory,
} from '@contract';
import { request } from '../request';

export class NasHealthPage {
  /** null: the total and every NAS. */
  nasIp = $state<string | null>(null);
  span = $state<HistorySpan>('24h');
  overview = $state.raw<NasHealthOverview | null>(null);
  history = $state.raw<OnlineHistory | null>(null);
  detail = $state.raw<NasHealthDetail | null>(null);
  error = $state.raw<ApiError | null>(null);
  /** The thresholds as typed, saved with save(); null until the overview says what they are. */
  draft = $state<DropThresholds | null>(null);
  thresholdsError = $state.raw<ApiError | null>(null);
  thresholdsSaved = $state(false);
  #generation = 0;

  constructor(nasIp: string | null) {
    this.nasIp = nasIp;
  }

  pick(nasIp: string | null): void {
    this.nasIp = nasIp;
    this.detail = null;
    this.history = null;
    void this.refresh();
  }

  setSpan(span: HistorySpan): void {
    this.span = span;
    this.history = null;
    void this.refresh();
  }

  /** One refresh: the stat row's overview, the chart, and the NAS's figures, at once. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const nasIp = this.nasIp;
    const [overview, history, detail] = await Promise.all([
      request('health.overview', {}),
      request('health.history', { span: this.span, nasIp }),
      nasIp === null ? null : request('health.nas', { nasIp }),
    ]);
    // The operator picked another NAS or span meanwhile: that answer is the one that counts.
    if (generation !== this.#generation) return;
    const failed = [overview, history, detail].find((result) => result && !result.ok);
    this.error = failed && !failed.ok ? failed.error : null;
    if (overview.ok) {
      this.overview = overview.data;
      this.draft ??= { ...overview.data.thresholds };
    }
    if (history.ok) this.history = history.data;
    if (detail?.ok) this.detail = detail.data;
  }

  async saveThresholds(): Promise<void> {
    if (!this.draft) return;
    const result = await request('health.setThresholds', { ...this.draft });
    this.thresholdsSaved = result.ok;
    this.thresholdsError = result.ok ? null : result.error;
    if (result.ok) {
      this.draft = { ...result.data };
      void this.refresh();
    }
  }
}
