import type { ApiError, ErrorCode } from '@contract';
import { OperatorError } from '../operator-error';

/**
 * Why one path to a NAS failed, as the disconnect pipeline acts on it:
 * - refused: the NAS turned this workstation away (login refused, certificate refused, port
 *   closed, replies signed with another secret): every later try in the run fails alike;
 * - timed-out: no answer in time (a NAS that is down, or drops what it cannot verify);
 * - unreachable: the connection failed or dropped midway;
 * - rejected: the NAS answered and refused this one request (a `!trap`);
 * - cancelled: the operator cancelled before the answer came;
 * - no-such-session: the NAS answered that it has no such session (RouterOS's print found
 *   none, a Disconnect-NAK with Error-Cause 503): an open radacct row for it is a ghost.
 */
export type NasFailure =
  'refused' | 'timed-out' | 'unreachable' | 'rejected' | 'cancelled' | 'no-such-session';

/** An OperatorError from a NAS path, with the typed reason the pipeline decides on. */
export class NasPathError extends OperatorError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly failure: NasFailure,
    details?: ApiError['details'],
  ) {
    super(code, message, details);
    this.name = 'NasPathError';
  }
}

/** The typed reason of a failure, or null when it did not come from a NAS path. */
export function nasFailureOf(failure: unknown): NasFailure | null {
  return failure instanceof NasPathError ? failure.failure : null;
}
