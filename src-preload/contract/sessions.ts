import { z } from 'zod';
import { maxRadacctId, radacctIdText } from './radacct-id';
import { operatorText } from './text';

/** 'stale': open sessions the stale rule flags (stale.ts). */
export const sessionStatuses = ['online', 'stale', 'offline', 'all'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

/** Columns an operator can sort by; each maps to one SQL expression in main. */
export const sortColumns = [
  'username',
  'fullName',
  'service',
  'nas',
  'framedIp',
  'mac',
  'acctSessionId',
  'startTime',
  'stopTime',
  'duration',
  'download',
  'upload',
] as const;
export type SortColumn = (typeof sortColumns)[number];

export const pageSizeChoices = [50, 100, 250, 500, 1000] as const;
/** The Sessions page's page size until the operator picks another (or a saved filter does). */
export const defaultPageSize = 100;
export const maxPageSize = 1000;
/** Searching offline history needs 3+ characters: shorter patterns have no trigrams. */
export const minHistorySearchLength = 3;

const isoInstant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 time with an offset.` });

/** Sessions whose Accounting-Stop falls within [from, to]: the sessions a drop ended. */
export const endedWindowSchema = z
  .strictObject({ from: isoInstant('"Ended from"'), to: isoInstant('"Ended to"') })
  .refine((window) => Date.parse(window.from) <= Date.parse(window.to), {
    error: '"Ended from" must not be after "Ended to".',
  });
export type EndedWindow = z.output<typeof endedWindowSchema>;

export const sessionFilterSchema = z.strictObject({
  search: operatorText('Search text', 200).default(''),
  status: z.enum(sessionStatuses).default('online'),
  /** NAS address as radacct stores it; null = every NAS. */
  nasIp: operatorText('NAS address', 100).nullable().default(null),
  /** Only sessions that ended within this window (a drop alert's link); absent = any. */
  ended: endedWindowSchema.optional(),
});
export type SessionFilter = z.output<typeof sessionFilterSchema>;

export const sessionSortSchema = z.strictObject({
  column: z.enum(sortColumns),
  direction: z.enum(['asc', 'desc']),
});
export type SessionSort = z.output<typeof sessionSortSchema>;

export const defaultSort: SessionSort = { column: 'startTime', direction: 'desc' };

/**
 * Keyset position: the sort value of the last row seen (as text, null when that row had
 * none) and its radacctid, which breaks ties so no row is skipped or shown twice.
 */
export const sessionCursorSchema = z.strictObject({
  value: operatorText('Cursor value', 4000).nullable(),
  id: radacctIdText({
    malformed: 'Cursor id must be a radacctid.',
    tooLarge: `Cursor id must be a radacctid, at most ${maxRadacctId}.`,
  }),
});
export type SessionCursor = z.output<typeof sessionCursorSchema>;

export const pageSizeSchema = z
  .int({ error: 'Page size must be a whole number.' })
  .min(1, { error: 'Page size must be at least 1.' })
  .max(maxPageSize, { error: `Page size is at most ${maxPageSize} rows.` })
  .default(100);

export const sessionListInputSchema = z.strictObject({
  filter: sessionFilterSchema,
  sort: sessionSortSchema.default(defaultSort),
  pageSize: pageSizeSchema,
  cursor: sessionCursorSchema.nullable().default(null),
});
export type SessionListInput = z.output<typeof sessionListInputSchema>;

/**
 * One session as it crosses the bridge: a compact array rather than an object, because a
 * 1000-row page of objects costs twice as much to build, send and decode.
 * Octets are decimal strings: they pass 2^53 on busy links and must stay exact.
 * Times are ISO 8601 strings with an offset.
 */
export type SessionRow = [
  id: string,
  username: string,
  fullName: string | null,
  service: string | null,
  nasIp: string,
  nasName: string | null,
  framedIp: string | null,
  mac: string | null,
  acctSessionId: string,
  startTime: string | null,
  stopTime: string | null,
  sessionTime: number | null,
  downloadOctets: string | null,
  uploadOctets: string | null,
  terminateCause: string | null,
  updateTime: string | null,
  /** Dual-stack (radacct's IPv6 columns; null where the schema has none): the address, */
  framedIpv6Address: string | null,
  /** the WAN prefix (Framed-IPv6-Prefix, with its /length), */
  framedIpv6Prefix: string | null,
  /** the LAN prefix the BNG delegated (Delegated-IPv6-Prefix, DHCPv6-PD), */
  delegatedIpv6Prefix: string | null,
  /** and the interface id (Framed-Interface-Id), as radacct holds them. */
  framedInterfaceId: string | null,
];

/** Index of each field in a SessionRow. */
export const F = {
  id: 0,
  username: 1,
  fullName: 2,
  service: 3,
  nasIp: 4,
  nasName: 5,
  framedIp: 6,
  mac: 7,
  acctSessionId: 8,
  startTime: 9,
  stopTime: 10,
  sessionTime: 11,
  download: 12,
  upload: 13,
  terminateCause: 14,
  updateTime: 15,
  framedIpv6Address: 16,
  framedIpv6Prefix: 17,
  delegatedIpv6Prefix: 18,
  framedInterfaceId: 19,
} as const;

/** How many fields a SessionRow has: where columns a query selects after them start. */
export const sessionRowLength = 20;

/** How many rows match: exact for the online set, bounded for history ("10,000+"). */
export type MatchCount = { kind: 'exact'; count: number } | { kind: 'atLeast'; count: number };

export interface SessionPage {
  rows: SessionRow[];
  /** Where the next page starts; null on the last page. */
  nextCursor: SessionCursor | null;
  matches: MatchCount;
  /** radacct ids of this page's open sessions the stale rule flags. */
  stale: string[];
  /** When the database answered (its clock, ISO 8601). */
  readAt: string;
}

export interface NasPill {
  nasIp: string;
  nasName: string | null;
  online: number;
}

const nasLabels = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The stat row's order: named NAS by name, then the unnamed ones by address (as the NAS
 * list orders them). Never by count, so a pill stays where the operator last saw it.
 */
export function compareNasPills(
  a: { nasIp: string; nasName: string | null },
  b: { nasIp: string; nasName: string | null },
): number {
  if ((a.nasName === null) !== (b.nasName === null)) return a.nasName === null ? 1 : -1;
  return (
    nasLabels.compare(a.nasName ?? a.nasIp, b.nasName ?? b.nasIp) ||
    nasLabels.compare(a.nasIp, b.nasIp)
  );
}

export interface SessionStats {
  online: number;
  /** Online sessions the stale rule flags (counted in online). */
  stale: number;
  /**
   * When `stale` was counted: it reads every online row, so it is counted at most once a
   * minute (a session turns stale after at least ten minutes of silence) and after each
   * close of stale sessions; the per-NAS counts are read each time (`readAt`).
   */
  staleReadAt: string;
  perNas: NasPill[];
  readAt: string;
  /**
   * null: read from a primary (or a file). A hot standby says how far behind the primary
   * its data is: lagSeconds null when the standby cannot tell (nothing replayed yet).
   */
  standby: { lagSeconds: number | null } | null;
}

export interface NasEntry {
  nasIp: string;
  name: string | null;
}
