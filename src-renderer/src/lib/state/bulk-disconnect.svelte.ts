// A bulk disconnect from confirmation to result list. Main runs it; this class follows it
// through `disconnect.progress` events, and polls the report as well whenever the events go
// quiet (a dropped socket loses events, never the run).
import type {
  ApiError,
  BulkPreview,
  BulkSelection,
  DisconnectRun,
  DisconnectRunReport,
} from '@contract';
import { listen } from '../api';
import { request } from '../request';

/** Events quiet for this long: ask main for the report instead. */
const pollMs = 2_000;

const answered = (run: DisconnectRun): number => run.total - run.pending;
export const isOver = (run: DisconnectRun): boolean =>
  run.state === 'finished' || run.state === 'cancelled';

/** Whether `next` says more than `current` about the same run (events and polls may cross). */
function isNewer(next: DisconnectRun, current: DisconnectRun): boolean {
  if (isOver(current)) return false;
  return isOver(next) || next.state !== current.state || answered(next) >= answered(current);
}

export class BulkDisconnect {
  /** What the confirmation dialog asks about; null when it is closed. */
  selection = $state.raw<BulkSelection | null>(null);
  /** The confirmation's question, e.g. "Disconnect all sessions of alice?". */
  question = $state('');
  preview = $state.raw<BulkPreview | null>(null);
  /** Preview or start refused; shown in whichever dialog is open. */
  error = $state.raw<ApiError | null>(null);
  /** A request to main is on its way (preview, start, cancel, retry). */
  busy = $state(false);
  /** The run the progress dialog follows; null when it is closed. */
  run = $state.raw<DisconnectRun | null>(null);
  /** Every session's outcome, read once the run is over. */
  report = $state.raw<DisconnectRunReport | null>(null);
  #lastEvent: DisconnectRun | null = null;
  #lastHeardAt = 0;
  #poll: ReturnType<typeof setInterval> | null = null;
  #onRunOver: () => void;

  /** onRunOver: sessions went offline; re-read the table. */
  constructor(onRunOver: () => void) {
    this.#onRunOver = onRunOver;
  }

  /** Hear main's progress events; the returned function stops (page teardown). */
  connect(): () => void {
    const stop = listen('disconnect.progress', (run) => {
      this.#lastEvent = run;
      if (run.runId === this.run?.runId) {
        this.#lastHeardAt = Date.now();
        void this.#follow(run);
      }
    });
    return () => {
      stop();
      this.#stopPolling();
    };
  }

  /** Open the confirmation and count what the selection takes now. */
  async ask(selection: BulkSelection, question: string): Promise<void> {
    this.selection = selection;
    this.question = question;
    this.preview = null;
    this.error = null;
    this.busy = true;
    const result = await request('disconnect.preview', { selection });
    if (this.selection !== selection) return;
    this.busy = false;
    if (result.ok) this.preview = result.data;
    else this.error = result.error;
  }

  dismissConfirmation(): void {
    if (this.run === null) this.error = null;
    this.selection = null;
  }

  async start(): Promise<void> {
    const selection = this.selection;
    if (selection === null || this.busy) return;
    this.busy = true;
    const result = await request('disconnect.start', { selection });
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.selection = null;
    this.#begin(result.data);
  }

  async cancel(): Promise<void> {
    const run = this.run;
    if (run === null || isOver(run)) return;
    this.busy = true;
    const result = await request('disconnect.cancel', { runId: run.runId });
    this.busy = false;
    if (result.ok) await this.#follow(result.data);
    else this.error = result.error;
  }

  async retryFailed(): Promise<void> {
    const run = this.run;
    if (run === null || !isOver(run) || this.busy) return;
    this.busy = true;
    const result = await request('disconnect.retryFailed', { runId: run.runId });
    this.busy = false;
    if (result.ok) this.#begin(result.data);
    else this.error = result.error;
  }

  /** Close the progress dialog. A run still going goes on in main; its outcomes are in the audit log. */
  close(): void {
    this.#stopPolling();
    this.run = null;
    this.report = null;
    this.error = null;
  }

  #begin(run: DisconnectRun): void {
    this.run = run;
    this.report = null;
    this.error = null;
    this.#lastHeardAt = Date.now();
    this.#stopPolling();
    this.#poll = setInterval(() => void this.#pollIfQuiet(), pollMs / 4);
    // A short run may have sent its last event before start's answer arrived.
    const early = this.#lastEvent;
    void this.#follow(early?.runId === run.runId ? early : run);
  }

  async #pollIfQuiet(): Promise<void> {
    const run = this.run;
    if (run === null || isOver(run) || Date.now() - this.#lastHeardAt < pollMs) return;
    this.#lastHeardAt = Date.now();
    const result = await request('disconnect.report', { runId: run.runId });
    if (result.ok) await this.#follow(result.data);
  }

  async #follow(next: DisconnectRun): Promise<void> {
    const current = this.run;
    if (current === null || next.runId !== current.runId) return;
    if (next !== current && !isNewer(next, current)) return;
    this.run = next;
    if (!isOver(next)) return;
    this.#stopPolling();
    const report =
      'outcomes' in next
        ? (next as DisconnectRunReport)
        : await request('disconnect.report', { runId: next.runId }).then((result) => {
            if (!result.ok) this.error = result.error;
            return result.ok ? result.data : null;
          });
    if (this.run?.runId !== next.runId) return;
    if (report) {
      this.run = report;
      this.report = report;
    }
    this.#onRunOver();
  }

  #stopPolling(): void {
    if (this.#poll !== null) clearInterval(this.#poll);
    this.#poll = null;
  }
}
