// The session table's columns: header, sort key and width. Widths are fixed (a growing
// column takes a share of the spare room) so every virtualised row lines up with the
// header whatever its content.
import type { SortColumn } from '@contract';

export interface SessionColumn {
  label: string;
  /** null: not sortable. */
  sort: SortColumn | null;
  /** Minimum width, px. */
  width: number;
  /** Share of the spare width; 0 keeps the column at its width. */
  grow: number;
  numeric: boolean;
}

export const sessionColumns: readonly SessionColumn[] = [
  { label: 'Username', sort: 'username', width: 170, grow: 2, numeric: false },
  { label: 'Full name', sort: 'fullName', width: 116, grow: 2, numeric: false },
  { label: 'Service', sort: 'service', width: 100, grow: 1, numeric: false },
  { label: 'NAS', sort: 'nas', width: 90, grow: 1, numeric: false },
  { label: 'Framed IP', sort: 'framedIp', width: 112, grow: 0, numeric: false },
  { label: 'MAC', sort: 'mac', width: 140, grow: 0, numeric: false },
  { label: 'Acct session id', sort: 'acctSessionId', width: 104, grow: 0, numeric: false },
  { label: 'Start', sort: 'startTime', width: 158, grow: 0, numeric: false },
  { label: 'Duration', sort: 'duration', width: 96, grow: 0, numeric: true },
  { label: 'Download', sort: 'download', width: 80, grow: 0, numeric: true },
  { label: 'Upload', sort: 'upload', width: 80, grow: 0, numeric: true },
  { label: 'Status', sort: null, width: 130, grow: 1, numeric: false },
];

export const columnTemplate = sessionColumns
  .map((column) =>
    column.grow ? `minmax(${column.width}px, ${column.grow}fr)` : `${column.width}px`,
  )
  .join(' ');

/** Below this the table scrolls sideways rather than squeezing columns. */
export const tableMinWidth = sessionColumns.reduce((sum, column) => sum + column.width, 0);
