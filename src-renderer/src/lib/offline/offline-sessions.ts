// An export file as a session source: the whole file is in memory, so a page is a slice
// of the filtered, sorted rows, and the cursor is simply the offset of the next page
// (the file never changes under it, so an offset is as stable as a keyset).
import type { Result, SessionFilter, SessionListInput, SessionPage, SessionSort } from '@contract';
import { F, type SessionRow } from '@contract';
import type { SessionSource } from '../state/session-source';
import { querySessions, searchText } from './offline-query';
import { isStaleAt, staleBeforeOf } from './offline-stale';

export class OfflineSessions implements SessionSource {
  readonly rows: readonly SessionRow[];
  readonly exportedAt: string | null;
  #haystacks: string[] | null = null;
  /** The last filter and sort asked for, and its rows: paging through them sorts nothing. */
  #lastQuery: { key: string; rows: SessionRow[] } | null = null;

  constructor(rows: readonly SessionRow[], exportedAt: string | null) {
    this.rows = rows;
    this.exportedAt = exportedAt;
  }

  async list(input: SessionListInput): Promise<Result<SessionPage>> {
    const matching = this.matching(input.filter, input.sort);
    const offset = input.cursor === null ? 0 : Number(input.cursor.id);
    const end = offset + input.pageSize;
    const page = matching.slice(offset, end);
    return {
      ok: true,
      data: {
        rows: page,
        nextCursor: end < matching.length ? { value: null, id: String(end) } : null,
        matches: { kind: 'exact', count: matching.length },
        stale: page
          .filter((session) => isStaleAt(session, staleBeforeOf(this.exportedAt)))
          .map((session) => session[F.id]),
        readAt: this.exportedAt ?? '',
      },
    };
  }

  searchHint(): string | null {
    return null;
  }

  matching(filter: SessionFilter, sort: SessionSort): SessionRow[] {
    const key = JSON.stringify([filter, sort]);
    if (this.#lastQuery?.key === key) return this.#lastQuery.rows;
    // Lower-cased once per file, the first time someone searches it.
    if (filter.search !== '') this.#haystacks ??= this.rows.map(searchText);
    const staleBefore = staleBeforeOf(this.exportedAt);
    const rows = querySessions(this.rows, this.#haystacks ?? [], filter, sort, staleBefore);
    this.#lastQuery = { key, rows };
    return rows;
  }
}
