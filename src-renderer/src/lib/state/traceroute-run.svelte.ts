// A traceroute of one session's framed IP, as its hops arrive. Main answers the start at
// once and pushes `traceroute.progress` per hop; an event may overtake the answer, so the
// views are kept by trace id and the one furthest along is shown.
import type { ApiError, Result, TracerouteView } from '@contract';

export interface TracerouteCalls {
  start(radacctId: string): Promise<Result<TracerouteView>>;
  /** Hears every traceroute's progress until the returned function is called. */
  listen(onProgress: (view: TracerouteView) => void): () => void;
}

export class TracerouteRun {
  /** The session asked about, for the dialog's title; null: closed. */
  subject = $state.raw<{ username: string; framedIp: string } | null>(null);
  view = $state.raw<TracerouteView | null>(null);
  error = $state.raw<ApiError | null>(null);
  #traceId: number | null = null;
  /** Progress heard before the start's answer said which trace is ours. */
  #early: TracerouteView[] = [];
  readonly #calls: TracerouteCalls;

  constructor(calls: TracerouteCalls) {
    this.#calls = calls;
  }

  /** Starts listening; returns the function that stops. */
  connect(): () => void {
    return this.#calls.listen((view) => this.#heard(view));
  }

  async start(session: { radacctId: string; username: string; framedIp: string }): Promise<void> {
    this.subject = { username: session.username, framedIp: session.framedIp };
    this.view = null;
    this.error = null;
    this.#traceId = null;
    const started = await this.#calls.start(session.radacctId);
    if (!started.ok) {
      this.error = started.error;
      return;
    }
    this.#traceId = started.data.traceId;
    this.#heard(started.data);
    for (const early of this.#early) this.#heard(early);
    this.#early = [];
  }

  close(): void {
    this.subject = null;
    this.view = null;
    this.error = null;
    this.#traceId = null;
  }

  #heard(view: TracerouteView): void {
    if (this.#traceId === null) {
      if (this.subject !== null) this.#early.push(view);
      return;
    }
    if (view.traceId !== this.#traceId) return;
    const shown = this.view;
    // Events can arrive out of order with the answer: never step back.
    if (
      shown === null ||
      view.hops.length > shown.hops.length ||
      (view.hops.length === shown.hops.length && view.state !== 'running')
    ) {
      this.view = view;
    }
  }
}
