// The session list as the operator asked for it: filter, sort, page size and the page
// position, and the page its source (the live database, or an export file) returned.
import {
  defaultPageSize,
  defaultSort,
  type ApiError,
  type EndedWindow,
  type SavedFilterInput,
  type SessionCursor,
  type SessionFilter,
  type SessionPage,
  type SessionSort,
  type SessionStatus,
  type SortColumn,
} from '@contract';
import { isLinkLoss, type LinkHealth } from './link-health.svelte';
import { liveSessionSource, type SessionSource } from './session-source';

// Biggest, longest and newest first is what an operator looks for in these columns.
const descendingFirst: ReadonlySet<SortColumn> = new Set([
  'startTime',
  'stopTime',
  'duration',
  'download',
  'upload',
]);

/** Pause in typing after which the search box is applied. */
const searchDelayMs = 300;

export class SessionsPage {
  filter = $state.raw<SessionFilter>({ search: '', status: 'online', nasIp: null });
  /**
   * The search box as typed. Applied after a pause in typing, or at once with any other
   * change (status, NAS, sort…), so a quick click never undoes what was just typed.
   */
  searchDraft = $state('');
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  sort = $state.raw<SessionSort>(defaultSort);
  pageSize = $state(defaultPageSize);
  /** The cursor of every page walked through; the last one is the page on screen. */
  #cursors = $state.raw<(SessionCursor | null)[]>([null]);
  /** The page on screen; replaced whole on every read. */
  page = $state.raw<SessionPage | null>(null);
  /**
   * Row number of the first row on screen, taken when that page was asked for: the cursor
   * stack moves as soon as Next is pressed, the rows only when the answer comes.
   */
  firstRowShown = $state(1);
  /** Main refused this query (bad input, a history search cut short): retrying the same will not help. */
  refused = $state.raw<ApiError | null>(null);
  reading = $state(false);
  /** Changes whenever a different list is shown (filter, sort, page): the table scrolls to its top. */
  view = $state(0);
  #generation = 0;
  #health: LinkHealth;
  #source: SessionSource;

  constructor(health: LinkHealth, source: SessionSource = liveSessionSource) {
    this.#health = health;
    this.#source = source;
  }

  /** Where the page on screen starts: what "Export CSV" of the current page reads. */
  get cursor(): SessionCursor | null {
    return this.#cursors.at(-1) ?? null;
  }

  get pageIndex(): number {
    return this.#cursors.length - 1;
  }

  /** Why no query is sent (live: history search needs 3+ characters). */
  get searchHint(): string | null {
    return this.#source.searchHint(this.filter);
  }

  get hasPrevious(): boolean {
    return this.pageIndex > 0;
  }

  get hasNext(): boolean {
    return this.page?.nextCursor != null;
  }

  typeSearch(text: string): void {
    this.searchDraft = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.applySearch(), searchDelayMs);
  }

  /** Apply the search box now (Enter, or the typing pause). */
  applySearch(): void {
    clearTimeout(this.#searchTimer);
    if (this.searchDraft !== this.filter.search) this.#restart(this.filter);
  }

  setStatus(status: SessionStatus): void {
    this.#restart({ ...this.filter, status });
  }

  setNas(nasIp: string | null): void {
    this.#restart({ ...this.filter, nasIp });
  }

  /** The sessions of one NAS that ended within a window: what a drop alert links to. */
  showEnded(nasIp: string, ended: EndedWindow): void {
    this.searchDraft = '';
    this.#restart({ search: '', status: 'offline', nasIp, ended });
  }

  /** Drop the "ended within" part of the filter, keeping the rest. */
  clearEnded(): void {
    const { ended: _dropped, ...rest } = this.filter;
    void _dropped;
    this.#restart(rest);
  }

  setPageSize(pageSize: number): void {
    this.pageSize = pageSize;
    this.#restart(this.filter);
  }

  /** A header click: a new column starts in its natural direction, the same one flips. */
  sortBy(column: SortColumn): void {
    const direction =
      this.sort.column === column
        ? this.sort.direction === 'asc'
          ? 'desc'
          : 'asc'
        : descendingFirst.has(column)
          ? 'desc'
          : 'asc';
    this.sort = { column, direction };
    this.#restart(this.filter);
  }

  apply(saved: SavedFilterInput): void {
    this.searchDraft = saved.filter.search;
    this.sort = saved.sort;
    this.pageSize = saved.pageSize;
    this.#restart(saved.filter);
  }

  /** What "Save filter" stores. */
  current(name: string): SavedFilterInput {
    return { name, filter: this.filter, sort: this.sort, pageSize: this.pageSize };
  }

  next(): void {
    const cursor = this.page?.nextCursor;
    if (!cursor) return;
    this.#cursors = [...this.#cursors, cursor];
    this.#show();
  }

  previous(): void {
    if (!this.hasPrevious) return;
    this.#cursors = this.#cursors.slice(0, -1);
    this.#show();
  }

  /**
   * Re-read the page on screen with the same cursor. Skipped while a read is in flight, and
   * for a query main refused unless the operator asks again (force).
   */
  async refresh(force = false): Promise<void> {
    if (this.reading || (this.refused && !force)) return;
    await this.#read(true);
  }

  #restart(filter: SessionFilter): void {
    clearTimeout(this.#searchTimer);
    this.filter = { ...filter, search: this.searchDraft };
    this.#cursors = [null];
    this.#show();
  }

  #show(): void {
    this.view += 1;
    this.refused = null;
    void this.#read(false);
  }

  async #read(sameView: boolean): Promise<void> {
    if (this.searchHint) {
      // Nothing is asked, so nothing can say the link is lost; the stat row still checks it.
      this.#generation += 1;
      this.#health.note('sessions', null);
      this.page = null;
      this.reading = false;
      return;
    }
    const generation = ++this.#generation;
    const firstRow = this.pageIndex * this.pageSize + 1;
    this.reading = true;
    const result = await this.#source.list({
      filter: this.filter,
      sort: this.sort,
      pageSize: this.pageSize,
      cursor: this.#cursors.at(-1) ?? null,
    });
    // A newer question was asked meanwhile: its answer is the one that counts.
    if (generation !== this.#generation) return;
    this.reading = false;
    const error = result.ok ? null : result.error;
    const refusal = error !== null && (!isLinkLoss(error) || this.#historySearchCutShort(error));
    this.#health.note('sessions', refusal ? null : error);
    if (result.ok) {
      this.page = result.data;
      this.firstRowShown = firstRow;
      this.refused = null;
    } else if (refusal) {
      this.page = null;
      this.refused = result.error;
    } else if (!sameView) {
      // Keep the last rows of this view on screen; rows of another view would mislead.
      this.page = null;
    }
  }

  /** A history search that hit the statement timeout is about the query, not the link. */
  #historySearchCutShort(error: ApiError): boolean {
    return error.code === 'TIMEOUT' && this.filter.status !== 'online' && this.filter.search !== '';
  }
}
