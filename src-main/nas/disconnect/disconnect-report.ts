import type { NasFailure } from '../nas-path-error';

export type DisconnectPath = 'routeros-api' | 'coa';

/** What one path did, in words for the toast and the audit log, and in facts for the run. */
export interface DisconnectAttempt {
  path: DisconnectPath;
  /** ok: the NAS acknowledged the disconnect; cancelled: stopped by Cancel. */
  outcome: 'ok' | 'skipped' | 'failed' | 'cancelled';
  detail: string;
  /** A disconnect request (API remove, Disconnect-Request) left this workstation. */
  sent: boolean;
  /** The NAS answered about this session (a print, a remove, an ACK or NAK, a `!trap`). */
  answered: boolean;
  /** Why it failed, typed: decides whether the run keeps trying this path on this NAS. */
  failure: NasFailure | null;
}

/**
 * What the paths did for one session, in order, so the log shows why the fallback ran. It is
 * not yet the outcome: radacct decides that (a NAS's ACK may come with the session still
 * open; a lost reply may come with the session gone).
 */
export interface DisconnectReport {
  /** The path whose NAS acknowledged the disconnect; null when none did. */
  acknowledgedBy: DisconnectPath | null;
  attempts: DisconnectAttempt[];
}

/** Whether any disconnect request reached the wire: then radacct is worth watching. */
export const anythingSent = (report: DisconnectReport): boolean =>
  report.attempts.some((attempt) => attempt.sent);

/** Whether the NAS answered on any path. */
export const anythingAnswered = (report: DisconnectReport): boolean =>
  report.attempts.some((attempt) => attempt.answered);
