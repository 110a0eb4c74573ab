import { getSystemErrorName } from 'node:util';
import { OperatorError } from '../../operator-error';

/** How the operator knows this NAS in messages: `RouterOS API at 127.0.10.1:8728`. */
export function nasLabel(host: string, port: number, tls: boolean): string {
  return `RouterOS ${tls ? 'API-SSL' : 'API'} at ${host}:${port}`;
}

/** The patched library keeps Node's error code (ECONNREFUSED, a TLS reason) as `errno`. */
function failureCode(failure: unknown): string {
  const errno = (failure as { errno?: unknown } | null)?.errno;
  if (typeof errno === 'number') return getSystemErrorName(errno);
  return typeof errno === 'string' ? errno : '';
}

/** Turns what node-routeros rejected a login with into words; it loses the trap text. */
export function loginFailure(nas: string, user: string, failure: unknown): OperatorError {
  const code = failureCode(failure);
  if (code === 'CANTLOGIN') {
    return new OperatorError(
      'NAS_REJECTED',
      `${nas} refused the login for user "${user}": invalid user name or password. ` +
        'Check the API user and password in this NAS’s credentials.',
    );
  }
  if (code === 'ECONNREFUSED') {
    return new OperatorError(
      'NAS_UNREACHABLE',
      `${nas} refused the connection: check that the API service is enabled on that port ` +
        'and allows this workstation.',
    );
  }
  if (failure instanceof Error && !code && failure.message) {
    return new OperatorError(
      'NAS_REJECTED',
      `${nas} refused the login for user "${user}": ${failure.message}`,
    );
  }
  return new OperatorError(
    'NAS_UNREACHABLE',
    `${nas} could not be reached (${code || 'unknown error'}): check the address, the port ` +
      'and the network path to the NAS.',
  );
}

/** A pinned certificate no longer matches: re-keyed, or someone in the path. */
export function certificateChanged(nas: string, presented: string, pinned: string): OperatorError {
  return new OperatorError(
    'NAS_UNREACHABLE',
    `${nas} presented certificate SHA-256 ${presented} but the pinned one is ${pinned}: the ` +
      'certificate changed — if the NAS was re-keyed, trust the new one in Settings → NAS.',
  );
}

/** No pin, and no CA this workstation trusts vouches for the certificate (RouterOS's usual). */
export function certificateUntrusted(
  nas: string,
  reason: string,
  presented: string,
): OperatorError {
  return new OperatorError(
    'NAS_UNREACHABLE',
    `${nas} presented a TLS certificate this workstation does not trust (${reason}), SHA-256 ` +
      `${presented}. Test NAS shows it; trust it in Settings → NAS if it matches the one on the ` +
      'router (/certificate print detail).',
  );
}

export function loginTimedOut(nas: string, timeoutMs: number): OperatorError {
  return new OperatorError(
    'NAS_UNREACHABLE',
    `${nas} did not complete the API login within ${seconds(timeoutMs)}: the NAS may be down, ` +
      'the port filtered, or its API service hung.',
  );
}

export function connectionDropped(nas: string): OperatorError {
  return new OperatorError(
    'NAS_UNREACHABLE',
    `${nas} closed the connection; a command in flight may or may not have been carried out.`,
  );
}

export function connectionFailed(nas: string, failure: unknown): OperatorError {
  const code = failureCode(failure);
  const reason = code === 'SOCKTMOUT' ? 'it sat idle too long' : code || 'unknown error';
  return new OperatorError(
    'NAS_UNREACHABLE',
    `The connection to ${nas} failed (${reason}); a command in flight may or may not have been ` +
      'carried out. Try again.',
  );
}

export function sessionClosed(nas: string): OperatorError {
  return new OperatorError('NAS_UNREACHABLE', `The session with ${nas} was already closed.`);
}

export function commandTimedOut(nas: string, command: string, timeoutMs: number): OperatorError {
  return new OperatorError(
    'TIMEOUT',
    `${nas} did not answer ${command} within ${seconds(timeoutMs)}; it may or may not have ` +
      'been carried out.',
  );
}

export function commandRefused(nas: string, command: string, failure: unknown): OperatorError {
  const reason = failure instanceof Error && failure.message ? failure.message : 'no reason given';
  return new OperatorError('NAS_REJECTED', `${nas} refused ${command}: ${reason}.`);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
