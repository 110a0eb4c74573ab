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

// Sized for a 1440 px screen: everything, actions included, fits without scrolling sideways
// (with room for a 15 px scroll bar); the IPv6 column took its width from the text columns
// that already cut their values short.
export const sessionColumns: readonly SessionColumn[] = [
  { label: 'Username', sort: 'username', width: 128, grow: 3, numeric: false },
  { label: 'Full name', sort: 'fullName', width: 72, grow: 1, numeric: false },
  { label: 'Service', sort: 'service', width: 60, grow: 1, numeric: false },
  { label: 'NAS', sort: 'nas', width: 84, grow: 1, numeric: false },
  // A whole CGNAT address (100.127.255.255) in the monospaced face.
  { label: 'Framed IP', sort: 'framedIp', width: 122, grow: 0, numeric: false },
  // The delegated /56 (else the WAN /64): its end (the part that tells subscribers apart)
  // when cut short, whole in its tooltip and on wider screens.
  { label: 'IPv6 prefix', sort: null, width: 96, grow: 2, numeric: false },
  { label: 'MAC', sort: 'mac', width: 136, grow: 0, numeric: false },
  // Acct-Session-Id: 8 hex digits on MikroTik.
  { label: 'Session id', sort: 'acctSessionId', width: 76, grow: 0, numeric: false },
  { label: 'Start', sort: 'startTime', width: 156, grow: 0, numeric: false },
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
