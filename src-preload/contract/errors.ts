// What can go wrong, as the bridge reports it. Handlers never throw across the bridge:
// every call returns a Result, and the message is written for a NOC operator.

export const errorCodes = [
  'INVALID_INPUT',
  'FORBIDDEN',
  'NO_PROFILE',
  'NOT_FOUND',
  'DB_UNREACHABLE',
  /** Every connection to the database is in use: it answers, just not now. */
  'DB_BUSY',
  'DB_AUTH_FAILED',
  'DB_NOT_FOUND',
  'NOT_FREERADIUS',
  'TIMEOUT',
  'NAS_UNREACHABLE',
  'NAS_REJECTED',
  'BRIDGE_DOWN',
  /** Another workstation holds the work this asked for (the sweeper's one-runner lock). */
  'CONFLICT',
  /** A write reached a read-only hot standby; it needs the primary. */
  'DB_READ_ONLY',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  /** One or two sentences an operator can act on: what happened, to what, what to do. */
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };
