import { getSystemErrorName } from 'node:util';
import { NasPathError } from '../nas-path-error';

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

/**
 * Turns what node-routeros rejected a login with into words; it loses the trap text. A
 * refused login or connection is 'refused': trying again in the same run changes nothing.
 */
export function loginFailure(nas: string, user: string, failure: unknown): NasPathError {
  const code = failureCode(failure);
  if (code === 'CANTLOGIN') {
    return new NasPathError(
      'NAS_REJECTED',
      `${nas} refused the login for user "${user}": invalid user name or password. ` +
        'Check the API user and password in this NAS’s credentials.',
      'refused',
    );
  }
  if (code === 'ECONNREFUSED') {
    return new NasPathError(
      'NAS_UNREACHABLE',
      `${nas} refused the connection: check that the API service is enabled on that port ` +
        'and allows this workstation.',
      'refused',
    );
  }
  if (failure instanceof Error && !code && failure.message) {
    return new NasPathError(
      'NAS_REJECTED',
      `${nas} refused the login for user "${user}": ${failure.message}`,
      'refused',
    );
  }
  return new NasPathError(
    'NAS_UNREACHABLE',
    `${nas} could not be reached (${code || 'unknown error'}): check the address, the port ` +
      'and the network path to the NAS.',
    'unreachable',
  );
}

/** A pinned certificate no longer matches: re-keyed, or someone in the path. */
export function certificateChanged(nas: string, presented: string, pinned: string): NasPathError {
  return new NasPathError(
    'NAS_UNREACHABLE',
    `${nas} presented certificate SHA-256 ${presented} but the pinned one is ${pinned}: the ` +
      'certificate changed — if the NAS was re-keyed, trust the new one in Settings → NAS.',
    'refused',
  );
}

/** No pin, and no CA this workstation trusts vouches for the certificate (RouterOS's usual). */
export function certificateUntrusted(nas: string, reason: string, presented: string): NasPathError {
  return new NasPathError(
    'NAS_UNREACHABLE',
    `${nas} presented a TLS certificate this workstation does not trust (${reason}), SHA-256 ` +
      `${presented}. Test NAS shows it; trust it in Settings → NAS if it matches the one on the ` +
      'router (/certificate print detail).',
    'refused',
  );
}

export function loginTimedOut(nas: string, timeoutMs: number): NasPathError {
  return new NasPathError(
    'NAS_UNREACHABLE',
    `${nas} did not complete the API login within ${seconds(timeoutMs)}: the NAS may be down, ` +
      'the port filtered, or its API service hung.',
    'timed-out',
  );
}

export function loginCancelled(nas: string): NasPathError {
  return new NasPathError(
    'INTERNAL',
    `Cancelled before the login to ${nas} completed; nothing more was sent to it.`,
    'cancelled',
  );
}

export function connectionDropped(nas: string): NasPathError {
  return new NasPathError(
    'NAS_UNREACHABLE',
    `${nas} closed the connection; a command in flight may or may not have been carried out.`,
    'unreachable',
  );
}

export function connectionFailed(nas: string, failure: unknown): NasPathError {
  const code = failureCode(failure);
  const reason = code === 'SOCKTMOUT' ? 'it sat idle too long' : code || 'unknown error';
  return new NasPathError(
    'NAS_UNREACHABLE',
    `The connection to ${nas} failed (${reason}); a command in flight may or may not have been ` +
      'carried out. Try again.',
    'unreachable',
  );
}

export function sessionClosed(nas: string): NasPathError {
  return new NasPathError(
    'NAS_UNREACHABLE',
    `The session with ${nas} was already closed.`,
    'unreachable',
  );
}

export function commandTimedOut(nas: string, command: string, timeoutMs: number): NasPathError {
  return new NasPathError(
    'TIMEOUT',
    `${nas} did not answer ${command} within ${seconds(timeoutMs)}; it may or may not have ` +
      'been carried out.',
    'timed-out',
  );
}

export function commandRefused(nas: string, command: string, failure: unknown): NasPathError {
  const reason = failure instanceof Error && failure.message ? failure.message : 'no reason given';
  return new NasPathError('NAS_REJECTED', `${nas} refused ${command}: ${reason}.`, 'rejected');
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
