import { contract, type ApiError, type Handlers, type MethodName, type Result } from '@contract';
import type { z } from 'zod';
import { OperatorError } from '../operator-error';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

const isMethod = (method: string): method is MethodName => Object.hasOwn(contract, method);

/** Zod's issues, joined into one sentence an operator can read. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join('; ');
}

function toApiError(method: string, error: unknown, log: DispatchLog): ApiError {
  if (error instanceof OperatorError) return error.toApiError();
  log.error(`internal error in ${method}`, error);
  return {
    code: 'INTERNAL',
    message: `Session Desk hit an internal error during ${method}. Nothing was changed; the details are in the log.`,
  };
}

/**
 * The one door into the core, whatever the transport: an untrusted method name and input
 * go in, a Result comes out. Input is validated against the contract, and nothing is ever
 * thrown back across the bridge.
 */
export function createDispatch(handlers: Handlers, log: DispatchLog): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Unknown request "${String(method)}".` },
      };
    }
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toApiError(method, error, log) };
    }
  };
}
