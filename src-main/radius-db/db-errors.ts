import { OperatorError } from '../operator-error';
import { serverLabel, type DbProfile } from './db-profile';
import { maxConnections } from './db-pool';

/** What an error message needs to name: the server, the database, the user, the limit. */
export interface DbErrorContext {
  profile: DbProfile;
  statementTimeoutMs: number;
  /** Client-side limit on connecting, for the "no answer" message. */
  connectTimeoutMs: number;
}

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

const unreachableCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved (DNS did not answer)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'no answer',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

/** SQLSTATE class 22 (data exception), in words: PostgreSQL's own text names its internals. */
const dataExceptions: Record<string, string> = {
  '22003': 'a number too large (or too small) for its column',
  '22P02': 'a value that is not of the kind its column holds',
  '22007': 'a date or time PostgreSQL cannot read',
  '22008': 'a date or time out of range',
  '22001': 'a value too long for its column',
  '22021': 'a character the database cannot store',
  '22P05': 'a character the database cannot store',
};

const tlsCertificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Turns whatever pg or the socket threw into an OperatorError in NOC words. Errors that are
 * not about the database (our own bugs) pass through unchanged and surface as INTERNAL.
 */
export function toOperatorError(error: unknown, context: DbErrorContext): unknown {
  if (error instanceof OperatorError || !(error instanceof Error)) return error;
  const { profile } = context;
  const server = serverLabel(profile);
  const fields = error as ErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : '';
  const message = error.message;

  const socketReason = unreachableCodes[code] ?? causeReason(fields.cause);
  if (socketReason) return unreachable(server, socketReason, code);
  if (tlsCertificateCodes.has(code)) {
    return new OperatorError(
      'DB_UNREACHABLE',
      `The SSL certificate of PostgreSQL at ${server} could not be verified (${message}). ` +
        'Install the server certificate on this workstation, or set SSL mode to "require".',
      { sslError: code },
    );
  }
  if (/does not support SSL/i.test(message)) {
    return new OperatorError(
      'DB_UNREACHABLE',
      `PostgreSQL at ${server} does not accept SSL connections. ` +
        'Set SSL mode to "prefer" or "disable" in the profile, or ask the DBA to enable SSL.',
      undefined,
      'tls-not-offered',
    );
  }
  // pg-pool's own words when every connection is checked out and none came back in time:
  // the server answers, it is only busy. Not a lost database.
  if (/timeout exceeded when trying to connect/i.test(message)) {
    return new OperatorError(
      'DB_BUSY',
      `PostgreSQL at ${server} is busy: all ${maxConnections} of Session Desk's connections ` +
        `to it are still working on earlier requests, and none came free within ` +
        `${seconds(context.connectTimeoutMs)}. Try again in a moment; if it lasts, a long ` +
        'query or a lock is holding them (the DBA can see which in pg_stat_activity).',
    );
  }
  if (/connection timeout|timeout expired/i.test(message)) {
    return unreachable(server, `no answer within ${seconds(context.connectTimeoutMs)}`, 'TIMEOUT');
  }
  if (/Query read timeout/i.test(message)) {
    return unreachable(server, 'the server stopped answering in the middle of a query', 'TIMEOUT');
  }
  if (
    /Connection terminated|Client has encountered a connection error|not queryable/i.test(message)
  ) {
    return lostConnection(server);
  }
  if (/password must be a string|no password was provided|password authentication/i.test(message)) {
    return authFailed(profile, server, 'it asks for a password and the profile has none');
  }

  switch (code) {
    case '28P01':
      return authFailed(profile, server, 'wrong password');
    case '28000':
      return authFailed(
        profile,
        server,
        "the server's access rules (pg_hba.conf) do not let this user in from this workstation",
      );
    case '3D000':
      return new OperatorError(
        'DB_NOT_FOUND',
        `Database "${profile.database}" does not exist on host ${server}. ` +
          'Check the database name in the profile (FreeRADIUS usually uses "radius").',
        { database: profile.database },
      );
    case '57014':
      return new OperatorError(
        'TIMEOUT',
        `The search was cut short after ${seconds(context.statementTimeoutMs)}: PostgreSQL at ` +
          `${server} did not finish in time. Narrow the search (more characters, one NAS, ` +
          'online only), or ask the DBA to add the trigram indexes Session Desk recommends.',
        { statementTimeoutMs: context.statementTimeoutMs },
      );
    case '42501':
      return new OperatorError(
        'FORBIDDEN',
        `User "${profile.user}" may not read this data on ${server}: permission denied. ` +
          'Ask the DBA to GRANT SELECT on the FreeRADIUS tables to this user.',
      );
    case '53300':
      return unreachable(server, 'too many connections on the server', code);
  }
  // Class 08 (connection exception) and 57P0x (server shut down or ended our session).
  if (code.startsWith('08') || /^57P0[1-3]$/.test(code)) return lostConnection(server);
  if (code.startsWith('22')) {
    return new OperatorError(
      'INVALID_INPUT',
      `PostgreSQL at ${server} refused this request: it holds ${dataExceptions[code] ?? 'a value it could not use'}. ` +
        'Check what was typed (search, cursor, session id) and try again.',
      { sqlState: code },
    );
  }
  return error;
}

function unreachable(server: string, reason: string, code: string): OperatorError {
  return new OperatorError(
    'DB_UNREACHABLE',
    `Cannot reach PostgreSQL at ${server}: ${reason}. Check the host, port and firewall.`,
    { reason: code },
  );
}

function lostConnection(server: string): OperatorError {
  return new OperatorError(
    'DB_UNREACHABLE',
    `The connection to PostgreSQL at ${server} was lost. ` +
      'Check that the server is up and reachable, then refresh.',
  );
}

function authFailed(profile: DbProfile, server: string, reason: string): OperatorError {
  return new OperatorError(
    'DB_AUTH_FAILED',
    `PostgreSQL at ${server} refused user "${profile.user}": ${reason}. ` +
      'Check the user and password in the profile, or ask the DBA to allow this workstation.',
    { user: profile.user },
  );
}

/** An AggregateError (IPv4 and IPv6 both refused) carries the socket code on its parts. */
function causeReason(cause: unknown): string | undefined {
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') {
    return unreachableCodes[cause.code];
  }
  return undefined;
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}
