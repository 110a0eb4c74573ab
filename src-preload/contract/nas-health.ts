import { z } from 'zod';
import type { SessionStats } from './sessions';
import { operatorText, requiredText } from './text';

/** The spans an online-count chart covers. */
export const historySpans = ['24h', '7d'] as const;
export type HistorySpan = (typeof historySpans)[number];

/**
 * When a NAS's drop raises an alert. Either rule is enough: the NAS lost at least
 * `dropPercent` of its sessions (and at least `minSessions` of them) within `windowMinutes`,
 * or at least `massEndSessions` sessions ended within `windowMinutes` with a cause that
 * means the NAS or its line failed (NAS-Reboot, Lost-Carrier, NAS-Error, Port-Error…).
 */
export interface DropThresholds {
  dropPercent: number;
  minSessions: number;
  windowMinutes: number;
  massEndSessions: number;
}

export const defaultDropThresholds: DropThresholds = {
  dropPercent: 50,
  minSessions: 20,
  windowMinutes: 5,
  massEndSessions: 50,
};

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .int({ error: `${label} must be a whole number.` })
    .min(min, { error: `${label} is at least ${min}.` })
    .max(max, { error: `${label} is at most ${max}.` });

export const dropThresholdsSchema = z.strictObject({
  dropPercent: wholeNumber('The share of sessions lost', 5, 100),
  minSessions: wholeNumber('The fewest sessions lost', 1, 1_000_000),
  windowMinutes: wholeNumber('The window', 1, 60),
  massEndSessions: wholeNumber('The fewest sessions ending at once', 1, 1_000_000),
});

/**
 * Terminate causes that say the NAS, its port or its line failed rather than the subscriber
 * leaving: many of them at once is an outage. Admin-Reboot is the NAS restarted by hand.
 */
export const outageCauses = [
  'NAS-Reboot',
  'Admin-Reboot',
  'Lost-Carrier',
  'NAS-Error',
  'Port-Error',
] as const;

/** Causes FreeRADIUS writes when an Accounting-On/Off closes every open session of a NAS. */
export const rebootCauses = ['NAS-Reboot', 'Admin-Reboot'] as const;

/**
 * How a drop reads: the NAS rebooted (FreeRADIUS closed its sessions at one instant on its
 * Accounting-On/Off), many sessions ended with an outage cause, or the NAS simply lost a
 * large share of its sessions.
 */
export type DropKind = 'nas-rebooted' | 'mass-end' | 'sessions-lost';

export interface DropAlert {
  /** Stable across refreshes: the NAS and the minute the drop was first seen. */
  id: string;
  nasIp: string;
  nasName: string | null;
  kind: DropKind;
  /** Sessions of this NAS that ended during the drop. */
  ended: number;
  /** Online on this NAS just before the drop, and at its end. */
  before: number;
  after: number;
  /** The first and the last Accounting-Stop of the drop (ISO 8601). */
  from: string;
  to: string;
  /** The terminate cause most of the ended sessions carry, and how many do. */
  cause: string | null;
  causeCount: number;
  acknowledged: { at: string; by: string } | null;
}

/**
 * How far back past counts are complete. With an index on acctstoptime (FreeRADIUS's
 * optional radacct_stop_user_idx) every session is seen. Without it, a session ending in the
 * chart is found only if it started at most `days` before the chart begins: longer ones are
 * missing from the counts before their end.
 */
export type HistoryCoverage = { kind: 'exact' } | { kind: 'lookback'; days: number };

/** The index that makes past counts exact: FreeRADIUS's own optional one, for the DBA. */
export const stopTimeIndexStatement =
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_stop_user_idx ON radacct (acctstoptime, username);';

/** What a NAS pill adds to its online count. */
export interface NasPillHealth {
  nasIp: string;
  /** Set when the NAS has 0 online now and had sessions in the last 24 h. */
  was: { count: number; at: string } | null;
  /** Online at each of the overview's trendTimes (the sparkline). */
  trend: number[];
}

export interface NasHealthOverview {
  /** Online now in total and per NAS: every known NAS, zeros included, ordered by name. */
  stats: SessionStats;
  /** Epoch seconds of each sparkline point; the last one is `stats.readAt`. */
  trendTimes: number[];
  pills: NasPillHealth[];
  /** Drops of the last 24 h, newest first, acknowledged ones included. */
  alerts: DropAlert[];
  thresholds: DropThresholds;
  coverage: HistoryCoverage;
}

export const historyInputSchema = z.strictObject({
  span: z.enum(historySpans).default('24h'),
  /** One NAS, or null for the total and every NAS. */
  nasIp: operatorText('NAS address', 100).nullable().default(null),
});

export interface NasSeries {
  nasIp: string;
  nasName: string | null;
  counts: number[];
}

export interface OnlineHistory {
  span: HistorySpan;
  /** Epoch seconds of each point; the last one is readAt, the others bucket edges. */
  times: number[];
  total: number[];
  perNas: NasSeries[];
  /** Drops within the span (for the markers), newest first. */
  alerts: DropAlert[];
  coverage: HistoryCoverage;
  readAt: string;
}

export const nasHealthInputSchema = z.strictObject({
  nasIp: requiredText('NAS address', 100),
});

export interface CauseCount {
  /** null: the Accounting-Stop carried no terminate cause. */
  cause: string | null;
  sessions: number;
}

export interface NasHealthDetail {
  nasIp: string;
  nasName: string | null;
  online: number;
  /** Open sessions the stale rule (stale.ts) flags. */
  stale: number;
  causes: { lastHour: CauseCount[]; lastDay: CauseCount[] };
  /** FreeRADIUS's Accounting-On/Off close of this NAS's sessions within the last 7 days. */
  lastAccountingOn: { at: string; sessions: number } | null;
  coverage: HistoryCoverage;
  readAt: string;
}

export const acknowledgeDropInputSchema = z.strictObject({
  alertId: requiredText('Alert', 200),
});
