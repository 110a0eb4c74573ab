import type { ApiError, ErrorCode } from '@contract';

/**
 * Why an OperatorError happened, where code in main must tell one case from another: the
 * message is for people and may be reworded at any time, so nothing branches on its text.
 * - tls-not-offered: the server does not accept SSL ("prefer" then connects without it).
 * - permission-missing: the operator's row lacks a permission the call needs.
 * - scope-unavailable: a reseller-tied operator on a database without the panel tables,
 *   whose sessions therefore cannot be limited to its tree.
 * - standby-read-only: a write (closing sessions) reached a read-only hot standby.
 * - primary-unreachable: a standby profile's primary for writes did not answer; the standby
 *   itself (the reads) still does, so the connection is not lost.
 */
export type OperatorErrorReason =
  | 'tls-not-offered'
  | 'permission-missing'
  | 'scope-unavailable'
  | 'standby-read-only'
  | 'primary-unreachable';

/**
 * An error meant for the operator: core code throws it with a code and a message in NOC
 * words; the service turns it into a failed Result. Anything else thrown is a bug and
 * crosses the bridge as INTERNAL.
 */
export class OperatorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details'],
    readonly reason: OperatorErrorReason | null = null,
  ) {
    super(message);
    this.name = 'OperatorError';
  }

  toApiError(): ApiError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}
