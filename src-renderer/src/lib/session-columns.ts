// The session table's columns: header, sort key and width. Widths are fixed (a growing
// column takes a share of the spare room) so every virtualised row lines up with the
// header whatever its content. The data columns sit between a tick box for bulk
// disconnect and the per-row actions.
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

/** The bulk-disconnect tick box, first. */
export const selectColumnWidth = 30;
/** Disconnect and Disconnect All, last: wide enough for "Disconnecting…". */
export const actionColumnWidth = 120;

// Sized for a 1440 px screen: everything, actions included, fits without scrolling sideways.
export const sessionColumns: readonly SessionColumn[] = [
  { label: 'Username', sort: 'username', width: 140, grow: 3, numeric: false },
  { label: 'Full name', sort: 'fullName', width: 76, grow: 1, numeric: false },
  { label: 'Service', sort: 'service', width: 64, grow: 1, numeric: false },
  { label: 'NAS', sort: 'nas', width: 96, grow: 1, numeric: false },
  // A whole CGNAT address (100.127.255.255) in the monospaced face.
  { label: 'Framed IP', sort: 'framedIp', width: 122, grow: 0, numeric: false },
  { label: 'MAC', sort: 'mac', width: 140, grow: 0, numeric: false },
  // Acct-Session-Id: 8 hex digits on MikroTik.
  { label: 'Session id', sort: 'acctSessionId', width: 76, grow: 0, numeric: false },
  { label: 'Start', sort: 'startTime', width: 156, grow: 0, numeric: false },
  // The last Start or Interim-Update, as an age ("12 min ago"); stale rows are badged.
  { label: 'Last update', sort: null, width: 80, grow: 0, numeric: true },
  { label: 'Duration', sort: 'duration', width: 84, grow: 0, numeric: true },
  // "1023.9 MB" whole.
  { label: 'Download', sort: 'download', width: 78, grow: 0, numeric: true },
  { label: 'Upload', sort: 'upload', width: 78, grow: 0, numeric: true },
  // An offline row has no actions: its status (and why it ended) spans the action column too.
  { label: 'Status', sort: null, width: 76, grow: 1, numeric: false },
];

export const columnTemplate = [
  `${selectColumnWidth}px`,
  ...sessionColumns.map((column) =>
    column.grow ? `minmax(${column.width}px, ${column.grow}fr)` : `${column.width}px`,
  ),
  `${actionColumnWidth}px`,
].join(' ');

/** Below this the table scrolls sideways rather than squeezing columns. */
export const tableMinWidth = sessionColumns.reduce(
  (sum, column) => sum + column.width,
  selectColumnWidth + actionColumnWidth,
);
