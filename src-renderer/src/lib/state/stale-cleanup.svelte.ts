// The Stale sessions page: the profile's stale threshold and sweeper switch, who runs the
// sweeper, what a sweep would close per NAS (the preview), and the NAS the silence guard holds.
import type {
  ApiError,
  CleanupSettingsInput,
  Result,
  SweepPreview,
  SweeperStatus,
  SweepSummary,
} from '@contract';

/** What the page asks main (the view wires them to the bridge; a test hands in its own). */
export interface StaleCleanupCalls {
  status(): Promise<Result<SweeperStatus>>;
  save(input: CleanupSettingsInput): Promise<Result<unknown>>;
  preview(): Promise<Result<SweepPreview>>;
  sweepNow(): Promise<Result<SweepSummary>>;
  confirmNas(nasIp: string): Promise<Result<null>>;
}

export class StaleCleanup {
  status = $state.raw<SweeperStatus | null>(null);
  preview = $state.raw<SweepPreview | null>(null);
  /** The last sweep this page asked for. */
  swept = $state.raw<SweepSummary | null>(null);
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);
  /** The threshold as typed, in minutes. */
  minutes = $state(30);
  enabled = $state(false);
  readonly #calls: StaleCleanupCalls;

  constructor(calls: StaleCleanupCalls) {
    this.#calls = calls;
  }

  /** Whether the form differs from what main keeps. */
  get changed(): boolean {
    const saved = this.status?.settings;
    return (
      saved !== undefined &&
      (saved.staleAfterSeconds !== this.minutes * 60 || saved.sweeperEnabled !== this.enabled)
    );
  }

  async load(): Promise<void> {
    const status = await this.#calls.status();
    if (!this.#took(status)) return;
    this.status = status.data;
    this.minutes = status.data.settings.staleAfterSeconds / 60;
    this.enabled = status.data.settings.sweeperEnabled;
  }

  async save(): Promise<void> {
    await this.#busy(async () => {
      const saved = await this.#calls.save({
        staleAfterSeconds: Math.round(this.minutes * 60),
        sweeperEnabled: this.enabled,
      });
      if (this.#took(saved)) await this.load();
    });
  }

  async showPreview(): Promise<void> {
    await this.#busy(async () => {
      const preview = await this.#calls.preview();
      if (this.#took(preview)) this.preview = preview.data;
    });
  }

  async sweepNow(): Promise<void> {
    await this.#busy(async () => {
      const swept = await this.#calls.sweepNow();
      if (!this.#took(swept)) return;
      this.swept = swept.data;
      this.preview = null;
      await this.load();
    });
  }

  async confirmNas(nasIp: string): Promise<void> {
    await this.#busy(async () => {
      const confirmed = await this.#calls.confirmNas(nasIp);
      if (!this.#took(confirmed)) return;
      const preview = await this.#calls.preview();
      if (this.#took(preview)) this.preview = preview.data;
    });
  }

  async #busy(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await work();
    } finally {
      this.busy = false;
    }
  }

  #took<T>(result: Result<T>): result is { ok: true; data: T } {
    this.error = result.ok ? null : result.error;
    return result.ok;
  }
}
