import { z } from 'zod';
import { radacctIdSchema } from './radacct-id';
import { operatorText } from './text';

/**
 * The one stale rule (README, "Stale sessions"): an open session is stale when nothing was
 * heard from it (Accounting-Start or Interim-Update) for the profile's threshold, and never
 * sooner than `staleIntervals` of its own Acct-Interim-Interval, so a NAS on hourly interims
 * does not see every session flagged. The spec's sweeper uses 30 minutes.
 */
export const defaultStaleAfterSeconds = 1800;
export const staleIntervals = 3;
/** Below this an interim that is merely late would read as a lost session. */
export const minStaleAfterSeconds = 600;
export const maxStaleAfterSeconds = 7 * 24 * 3600;

/** How often an enabled sweeper looks, as the spec's Stale Session Cleanup does. */
export const sweepEverySeconds = 300;

/**
 * The NAS-silence guard: when at least this many of a NAS's open sessions went stale and
 * they are all of its open sessions, the NAS (or its accounting path) is down, not the
 * subscribers: nothing there is closed until an operator confirms.
 */
export const silentNasMinSessions = 3;

export const staleAfterSchema = z
  .int({ error: 'The stale threshold must be a whole number of seconds.' })
  .min(minStaleAfterSeconds, {
    error: `The stale threshold must be at least ${minStaleAfterSeconds / 60} minutes.`,
  })
  .max(maxStaleAfterSeconds, { error: 'The stale threshold must be at most 7 days.' });

/** The profile's stale threshold and its sweeper switch, as the store keeps them. */
export interface CleanupSettings {
  staleAfterSeconds: number;
  sweeperEnabled: boolean;
  /** Who turned the sweeper on or off last, and when (ISO 8601); null: never touched. */
  changedBy: string | null;
  changedAt: string | null;
}

export const cleanupSettingsInputSchema = z.strictObject({
  staleAfterSeconds: staleAfterSchema,
  sweeperEnabled: z.boolean(),
});
export type CleanupSettingsInput = z.output<typeof cleanupSettingsInputSchema>;

/** The terminate cause the sweeper and a ghost close write, as the spec's cleanup does. */
export const sweepTerminateCause = 'Lost-Carrier';

/** One session a sweep or a ghost close would close. */
export interface StaleSession {
  radacctId: string;
  username: string;
  nasIp: string;
  acctSessionId: string;
  framedIp: string | null;
  startTime: string | null;
  /** The last Start or Interim-Update; the stop time the close writes (start when none). */
  lastHeardAt: string | null;
}

/** What a sweep finds on one NAS. */
export interface NasSweep {
  nasIp: string;
  nasName: string | null;
  open: number;
  stale: number;
  /**
   * Every open session of this NAS went quiet together: held, nothing closed here, until an
   * operator confirms (cleanup.confirmNas).
   */
  held: boolean;
  /** The operator confirmed this NAS's silence: its stale sessions are closed after all. */
  confirmed: boolean;
  /** The first sessions that would close (or did), for the preview. */
  sessions: StaleSession[];
}

export interface SweepPreview {
  staleAfterSeconds: number;
  nas: NasSweep[];
  /** Sessions that would close (held NAS not counted). */
  toClose: number;
  readAt: string;
}

/** Who runs the sweeper for this database, and what the last sweep did. */
export interface SweeperStatus {
  settings: CleanupSettings;
  /** This workstation holds the advisory lock and sweeps. */
  runningHere: boolean;
  /** The workstation that holds the lock (its application_name / client), when another does. */
  runner: string | null;
  lastSweep: SweepSummary | null;
  /** NAS held by the silence guard at the last sweep, not yet confirmed. */
  heldNas: string[];
}

export interface SweepSummary {
  at: string;
  by: string;
  closed: number;
  perNas: { nasIp: string; closed: number }[];
  held: string[];
}

export const confirmNasInputSchema = z.strictObject({
  nasIp: operatorText('NAS address', 100),
});

export const closeGhostInputSchema = z.strictObject({
  id: radacctIdSchema,
  /** Why: the NAS's own words that it has no such session. */
  reason: operatorText('Reason', 300),
});

export interface GhostCloseOutcome {
  radacctId: string;
  /** false: it was closed already (an Accounting-Stop arrived meanwhile): nothing written. */
  closed: boolean;
  stopTime: string | null;
  message: string;
}
