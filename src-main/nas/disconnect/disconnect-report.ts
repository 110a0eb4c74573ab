export type DisconnectPath = 'routeros-api' | 'coa';

/** What one path did, in words for the toast and the audit log. */
export interface DisconnectAttempt {
  path: DisconnectPath;
  outcome: 'ok' | 'skipped' | 'failed';
  detail: string;
}

/**
 * A disconnect either worked through exactly one path or failed with a reason; every path
 * tried or skipped is listed in order, so the log shows why the fallback ran.
 */
export type DisconnectReport =
  | { result: 'done'; path: DisconnectPath; attempts: DisconnectAttempt[] }
  | { result: 'failed'; reason: string; attempts: DisconnectAttempt[] };
