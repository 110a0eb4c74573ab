// call() with one more guarantee: a transport that throws (a malformed reply, a handler
// missing in main) still comes back as a Result the page can show, never as a crash.
import type { MethodInput, MethodName, MethodOutput, Result } from '@contract';
import { call } from './api';

export async function request<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  try {
    return await call(method, input);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Session Desk could not complete "${method}" (${reason}). Try again; if it keeps failing, restart Session Desk.`,
      },
    };
  }
}
