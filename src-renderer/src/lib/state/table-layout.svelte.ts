// Which columns the Sessions table shows and how dense it is, kept per profile by main.
// Until main answers (or where there is no profile: an offline file) the defaults serve.
import type { ApiError, Result, TableDensity, TableLayout as SavedLayout } from '@contract';
import {
  defaultColumnIds,
  sessionColumns,
  shownColumns,
  type SessionColumn,
} from '../session-columns';

/** What the layout asks main (the view wires them to the bridge; a test hands in its own). */
export interface TableLayoutCalls {
  get(): Promise<Result<SavedLayout | null>>;
  set(layout: SavedLayout): Promise<Result<SavedLayout>>;
}

/** Row height, px, per density: compact shows 40+ rows on a 1080 px screen. */
export const rowHeights: Record<TableDensity, number> = { compact: 20, comfortable: 28 };

export class TableLayout {
  columnIds: readonly string[] = $state.raw([]);
  density = $state<TableDensity>('compact');
  error = $state.raw<ApiError | null>(null);
  readonly columns: SessionColumn[] = $derived(shownColumns(this.columnIds));
  readonly rowHeight = $derived(rowHeights[this.density]);
  readonly #calls: TableLayoutCalls | null;
  readonly #defaults: readonly string[];

  /**
   * calls: null keeps the layout for this screen only (an offline file). windowWidth picks
   * the default columns (fewer on a narrow screen).
   */
  constructor(calls: TableLayoutCalls | null, windowWidth = globalThis.innerWidth ?? 1920) {
    this.#calls = calls;
    this.#defaults = defaultColumnIds(windowWidth);
    this.columnIds = this.#defaults;
  }

  async load(): Promise<void> {
    if (this.#calls === null) return;
    const saved = await this.#calls.get();
    if (!saved.ok) {
      this.error = saved.error;
      return;
    }
    this.error = null;
    if (saved.data === null) return;
    // Ids this version does not know (another version's columns) are kept, not shown.
    this.columnIds = saved.data.columns;
    this.density = saved.data.density;
  }

  isShown(id: string): boolean {
    return this.columns.some((column) => column.id === id);
  }

  /** Shows or hides one column; the required ones (Username, Status) stay. */
  toggle(id: string): Promise<void> {
    const column = sessionColumns.find((candidate) => candidate.id === id);
    if (!column || column.required) return Promise.resolve();
    this.columnIds = this.isShown(id)
      ? this.columnIds.filter((shown) => shown !== id)
      : [...this.columnIds, id];
    return this.#save();
  }

  setDensity(density: TableDensity): Promise<void> {
    this.density = density;
    return this.#save();
  }

  reset(): Promise<void> {
    this.columnIds = this.#defaults;
    this.density = 'compact';
    return this.#save();
  }

  /** The change shows at once; a refusal is said, and the choice stays for this screen. */
  async #save(): Promise<void> {
    if (this.#calls === null) return;
    const saved = await this.#calls.set({ columns: [...this.columnIds], density: this.density });
    this.error = saved.ok ? null : saved.error;
  }
}
