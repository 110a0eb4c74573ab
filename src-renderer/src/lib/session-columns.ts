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
  { label: 'Username', sort: 'username', width: 140, grow: 2, numeric: false },
  { label: 'Full name', sort: 'fullName', width: 130, grow: 2, numeric: false },
  { label: 'Service', sort: 'service', width: 95, grow: 1, numeric: false },
  { label: 'NAS', sort: 'nas', width: 110, grow: 1, numeric: false },
  { label: 'Framed IP', sort: 'framedIp', width: 122, grow: 0, numeric: false },
  { label: 'MAC', sort: 'mac', width: 142, grow: 0, numeric: false },
  { label: 'Acct session id', sort: 'acctSessionId', width: 112, grow: 1, numeric: false },
  { label: 'Start', sort: 'startTime', width: 152, grow: 0, numeric: false },
  { label: 'Duration', sort: 'duration', width: 100, grow: 0, numeric: true },
  { label: 'Download', sort: 'download', width: 92, grow: 0, numeric: true },
  { label: 'Upload', sort: 'upload', width: 92, grow: 0, numeric: true },
  { label: 'Status', sort: null, width: 150, grow: 1, numeric: false },
];

export const columnTemplate = sessionColumns
  .map((column) =>
    column.grow ? `minmax(${column.width}px, ${column.grow}fr)` : `${column.width}px`,
  )
  .join(' ');

/** Below this the table scrolls sideways rather than squeezing columns. */
export const tableMinWidth = sessionColumns.reduce((sum, column) => sum + column.width, 0);
