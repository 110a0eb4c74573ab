// The session table's columns, as one list of definitions: to add a column (Last update,
// IPv6…), add an entry here. Columns whose content has a known shape (an address, a MAC,
// a time, a byte count) are exactly as wide as their widest value, measured in the font
// they are drawn in, so they are never cut; the names (username, full name, service) share
// what is left and show whole on hover. Username and Status cannot be hidden: the first
// says whose session it is, the last carries the row's actions beside it.
import { F, type SessionRow, type SortColumn } from '@contract';
import { exactBytes, formatBytes, formatDuration, formatLocalTime } from './format';
import { ipv6Details, ipv6Label, nasLabel, sessionSeconds } from './session-fields';

/** How a cell draws its session: plain text, or one of the cells with a job of its own. */
export type SessionCell =
  | {
      kind: 'text';
      text: (session: SessionRow, nowMs: number) => string;
      /** The exact value, on hover; none: the text itself (so a cut name reads whole). */
      title?: (session: SessionRow) => string | null;
      mono: boolean;
      /** A hover button copies the value (IP, MAC). */
      copyable: boolean;
    }
  /** A link to the subscriber page (live data), plain text otherwise. */
  | { kind: 'username' }
  /** How long ago radacct last heard from an online session; stale ones stand out. */
  | { kind: 'lastUpdate' }
  /** Online / offline and why it ended; spans the action column when the row has none. */
  | { kind: 'status' };

export interface SessionColumn {
  /** Stable: saved in the operator's column choice. */
  id: string;
  label: string;
  /** null: not sortable. */
  sort: SortColumn | null;
  numeric: boolean;
  cell: SessionCell;
  /**
   * A fixed column: its widest value, drawn in the cell's font; the column is measured to
   * it. null: a name column that takes a share of the spare room.
   */
  widest: string | null;
  /** A name column's narrowest width, px, and its share of the spare room. */
  minWidth: number;
  grow: number;
  /**
   * Before the operator has chosen: always on screen, only on a wide screen (from
   * wideScreenPx: at 1366 px the names need the room), or only when chosen.
   */
  byDefault: 'shown' | 'wide' | 'hidden';
  /** Cannot be hidden. */
  required: boolean;
}

const text = (
  read: (session: SessionRow, nowMs: number) => string,
  options: {
    mono?: boolean;
    copyable?: boolean;
    title?: (session: SessionRow) => string | null;
  } = {},
): SessionCell => ({
  kind: 'text',
  text: read,
  mono: options.mono ?? false,
  copyable: options.copyable ?? false,
  ...(options.title ? { title: options.title } : {}),
});

const fixed = { minWidth: 0, grow: 0, required: false };

export const sessionColumns: readonly SessionColumn[] = [
  {
    id: 'username',
    label: 'Username',
    sort: 'username',
    numeric: false,
    cell: { kind: 'username' },
    widest: null,
    minWidth: 150,
    grow: 4,
    byDefault: 'shown',
    required: true,
  },
  {
    id: 'fullName',
    label: 'Full name',
    sort: 'fullName',
    numeric: false,
    cell: text((session) => session[F.fullName] ?? ''),
    widest: null,
    minWidth: 90,
    grow: 2,
    byDefault: 'shown',
    required: false,
  },
  {
    id: 'service',
    label: 'Service',
    sort: 'service',
    numeric: false,
    cell: text((session) => session[F.service] ?? ''),
    widest: null,
    minWidth: 70,
    grow: 1,
    byDefault: 'wide',
    required: false,
  },
  {
    id: 'nas',
    label: 'NAS',
    sort: 'nas',
    numeric: false,
    cell: text(nasLabel, { title: (session) => session[F.nasIp] }),
    widest: null,
    // "bng-central-1" whole.
    minWidth: 100,
    grow: 1,
    byDefault: 'shown',
    required: false,
  },
  {
    id: 'framedIp',
    label: 'Framed IP',
    sort: 'framedIp',
    numeric: false,
    cell: text((session) => session[F.framedIp] ?? '', { mono: true, copyable: true }),
    widest: '100.127.255.255',
    byDefault: 'shown',
    ...fixed,
  },
  {
    id: 'ipv6Prefix',
    label: 'IPv6 prefix',
    sort: null,
    numeric: false,
    // The delegated /56 (else the WAN /64, else the framed address): what an abuse report's
    // address falls in. Every IPv6 value of the session in the tooltip.
    cell: text(ipv6Label, {
      mono: true,
      copyable: true,
      title: (session) => ipv6Details(session) || null,
    }),
    widest: '2001:db8:ffff:ff00::/56',
    // At 1366–1599 px the names need the room: the column chooser brings it back.
    byDefault: 'wide',
    ...fixed,
  },
  {
    id: 'mac',
    label: 'MAC',
    sort: 'mac',
    numeric: false,
    cell: text((session) => session[F.mac] ?? '', { mono: true, copyable: true }),
    widest: 'FF:FF:FF:FF:FF:FF',
    byDefault: 'shown',
    ...fixed,
  },
  {
    id: 'acctSessionId',
    label: 'Session id',
    sort: 'acctSessionId',
    numeric: false,
    // Acct-Session-Id: 8 hex digits on MikroTik; longer ones are cut, whole on hover.
    cell: text((session) => session[F.acctSessionId], { mono: true }),
    widest: '81A0000F',
    // Also in the row's menu (Copy session id) and the Disconnect confirmation.
    byDefault: 'wide',
    ...fixed,
  },
  {
    id: 'startTime',
    label: 'Start',
    sort: 'startTime',
    numeric: false,
    cell: text((session) => formatLocalTime(session[F.startTime]), {
      title: (session) => session[F.startTime],
    }),
    widest: '2026-12-31 23:59:59',
    byDefault: 'shown',
    ...fixed,
  },
  {
    id: 'lastUpdate',
    label: 'Last update',
    sort: null,
    numeric: true,
    // The last Start or Interim-Update as an age; stale rows are badged too.
    cell: { kind: 'lastUpdate' },
    widest: '59 min ago',
    // Under 1600 px the names need the room; the Status column's stale badge still shows.
    byDefault: 'wide',
    ...fixed,
  },
  {
    id: 'duration',
    label: 'Duration',
    sort: 'duration',
    numeric: true,
    cell: text((session, nowMs) => {
      const seconds = sessionSeconds(session, nowMs);
      return seconds === null ? '' : formatDuration(seconds);
    }),
    // Two-digit days; a session open longer than 99 days is cut, whole on hover.
    widest: '88d 88:88:88',
    byDefault: 'shown',
    ...fixed,
  },
  {
    id: 'download',
    label: 'Download',
    sort: 'download',
    numeric: true,
    cell: text((session) => formatBytes(session[F.download]), {
      title: (session) => exactBytes(session[F.download]),
    }),
    widest: '1,023.9 MB',
    byDefault: 'shown',
    ...fixed,
  },
  {
    id: 'upload',
    label: 'Upload',
    sort: 'upload',
    numeric: true,
    cell: text((session) => formatBytes(session[F.upload]), {
      title: (session) => exactBytes(session[F.upload]),
    }),
    widest: '1,023.9 MB',
    byDefault: 'shown',
    ...fixed,
  },
  {
    id: 'status',
    label: 'Status',
    sort: null,
    numeric: false,
    cell: { kind: 'status' },
    widest: 'offline',
    byDefault: 'shown',
    ...fixed,
    required: true,
  },
];

/** From this window width, px, the 'wide' columns show by default too. */
export const wideScreenPx = 1600;

/** The columns a profile shows before the operator has chosen, on a window this wide. */
export function defaultColumnIds(windowWidth: number): readonly string[] {
  return sessionColumns
    .filter(
      (column) =>
        column.byDefault === 'shown' ||
        (column.byDefault === 'wide' && windowWidth >= wideScreenPx),
    )
    .map((column) => column.id);
}

/** The columns to draw, in the list's order, from a saved choice (unknown ids are ignored). */
export function shownColumns(ids: readonly string[]): SessionColumn[] {
  const chosen = new Set(ids);
  return sessionColumns.filter((column) => column.required || chosen.has(column.id));
}
