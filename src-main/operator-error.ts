import type { ApiError, ErrorCode } from '@contract';

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
