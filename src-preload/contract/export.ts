import { z } from 'zod';
import {
  defaultSort,
  pageSizeSchema,
  sessionCursorSchema,
  sessionFilterSchema,
  sessionSortSchema,
} from './sessions';

/** "Export all" writes at most this many rows; past it, the database is the right tool. */
export const maxExportRows = 100_000;

/** The current page (as the table holds it), or every row of the filter. */
export const exportScopes = ['page', 'all'] as const;
export type ExportScope = (typeof exportScopes)[number];

/** What the Sessions page shows now: its filter and sort, and for 'page' its size and cursor. */
export const exportStartInputSchema = z.strictObject({
  filter: sessionFilterSchema,
  sort: sessionSortSchema.default(defaultSort),
  scope: z.enum(exportScopes, { error: 'Export the current page or all rows.' }).default('page'),
  pageSize: pageSizeSchema,
  cursor: sessionCursorSchema.nullable().default(null),
});
export type ExportStartInput = z.output<typeof exportStartInputSchema>;

/** "Export all"'s dialog asks first how many rows the filter matches. */
export const exportCountInputSchema = z.strictObject({ filter: sessionFilterSchema });

export interface ExportCount {
  /** Rows matching now; with `exact` false, at least this many (the count was cut short). */
  count: number;
  exact: boolean;
  /** Whether "Export all" may run: count within maxExportRows. */
  allowed: boolean;
  limit: number;
}

export const exportIdSchema = z.strictObject({
  exportId: z
    .int({ error: 'Export id must be a number.' })
    .positive({ error: 'Export id must be a number.' }),
});

export const exportStates = ['running', 'finished', 'cancelled', 'failed'] as const;
export type ExportState = (typeof exportStates)[number];

/** One export as its progress bar shows it; pushed as `export.progress`. */
export interface ExportProgress {
  exportId: number;
  state: ExportState;
  /** Rows written so far. */
  rows: number;
  /** Rows expected, when counted before starting; null for a page (at most its size). */
  total: number | null;
  /** The chosen file's name (no folder); '' while none is chosen. */
  fileName: string;
  /** One line for the operator: what is happening, what was written, or why it failed. */
  message: string;
  /** Where the finished file lies (desktop app); null otherwise. */
  savedPath: string | null;
  /** Where the browser downloads the finished file (browser mode); null otherwise. */
  downloadUrl: string | null;
}
