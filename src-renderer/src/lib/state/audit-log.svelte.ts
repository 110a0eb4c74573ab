// The audit log as the operator pages through it: newest first, older pages appended
// below by keyset (beforeId), so an entry written meanwhile never shifts what is shown.
// Filters (one bulk run, one result, one NAS) are applied by main; changing one reads the
// newest page again.
import type { ApiError, AuditEntry, AuditRun, DisconnectResult, NasEntry } from '@contract';
import { request } from '../request';

/** Enough for a shift's disconnects on one screen; "Load older" fetches the next batch. */
export const auditPageSize = 100;

export interface AuditFilter {
  runId: number | null;
  result: DisconnectResult | null;
  nasIp: string | null;
}

export const noAuditFilter: AuditFilter = { runId: null, result: null, nasIp: null };

export class AuditLogPage {
  entries = $state.raw<AuditEntry[]>([]);
  /** A full page came back, so there may be older entries. */
  hasOlder = $state(false);
  reading = $state<'newest' | 'older' | null>(null);
  error = $state.raw<ApiError | null>(null);
  /** The newest page has been read at least once (an empty log then says so). */
  loaded = $state(false);
  filter = $state.raw<AuditFilter>(noAuditFilter);
  /** The profile's bulk runs, for the run filter. */
  runs = $state.raw<AuditRun[]>([]);
  /** The NAS the database knows, for the NAS filter and their names; empty without it. */
  nas = $state.raw<NasEntry[]>([]);
  /** Bumped by every read of the newest page: an older answer then no longer counts. */
  #generation = 0;

  get filtered(): boolean {
    const { runId, result, nasIp } = this.filter;
    return runId !== null || result !== null || nasIp !== null;
  }

  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    this.reading = 'newest';
    const [page, runs, nas] = await Promise.all([
      request('audit.list', { limit: auditPageSize, beforeId: null, ...this.filter }),
      request('audit.runs', {}),
      request('nas.list', {}),
    ]);
    if (generation !== this.#generation) return;
    this.reading = null;
    if (runs.ok) this.runs = runs.data;
    // The NAS list needs the database; the audit log does not, so its absence is no error.
    if (nas.ok) this.nas = nas.data;
    if (!page.ok) {
      this.error = page.error;
      return;
    }
    this.entries = page.data;
    this.hasOlder = page.data.length === auditPageSize;
    this.error = null;
    this.loaded = true;
  }

  /** Shows only what matches; null in a field takes that filter off. */
  async setFilter(change: Partial<AuditFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    await this.refresh();
  }

  async loadOlder(): Promise<void> {
    const oldest = this.entries.at(-1);
    if (!oldest) return;
    const generation = this.#generation;
    this.reading = 'older';
    const result = await request('audit.list', {
      limit: auditPageSize,
      beforeId: oldest.id,
      ...this.filter,
    });
    if (generation !== this.#generation) return;
    this.reading = null;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.entries = [...this.entries, ...result.data];
    this.hasOlder = result.data.length === auditPageSize;
    this.error = null;
  }
}
