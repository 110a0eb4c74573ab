// The audit log as the operator pages through it: newest first, older pages appended
// below by keyset (beforeId), so an entry written meanwhile never shifts what is shown.
import type { ApiError, AuditEntry } from '@contract';
import { request } from '../request';

/** Enough for a shift's disconnects on one screen; "Load older" fetches the next batch. */
export const auditPageSize = 100;

export class AuditLogPage {
  entries = $state.raw<AuditEntry[]>([]);
  /** A full page came back, so there may be older entries. */
  hasOlder = $state(false);
  reading = $state<'newest' | 'older' | null>(null);
  error = $state.raw<ApiError | null>(null);
  /** The newest page has been read at least once (an empty log then says so). */
  loaded = $state(false);

  async refresh(): Promise<void> {
    this.reading = 'newest';
    const result = await request('audit.list', { limit: auditPageSize, beforeId: null });
    this.reading = null;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.entries = result.data;
    this.hasOlder = result.data.length === auditPageSize;
    this.error = null;
    this.loaded = true;
  }

  async loadOlder(): Promise<void> {
    const oldest = this.entries.at(-1);
    if (!oldest) return;
    this.reading = 'older';
    const result = await request('audit.list', { limit: auditPageSize, beforeId: oldest.id });
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
