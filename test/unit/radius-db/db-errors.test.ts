import { describe, expect, it } from 'vitest';
import { OperatorError } from '../../../src-main/operator-error';
import { toOperatorError, type DbErrorContext } from '../../../src-main/radius-db/db-errors';

// Socket and server errors that the integration tests cannot provoke on loopback (DNS,
// pg_hba rejections, server shutdown), mapped from the shapes pg and Node really throw.
const context: DbErrorContext = {
  profile: {
    host: 'radius-db.noc.example',
    port: 5432,
    database: 'radius',
    user: 'sessiondesk',
    password: 'x',
    sslMode: 'disable',
  },
  statementTimeoutMs: 5000,
  connectTimeoutMs: 10_000,
};

const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
const serverError = (code: string, message: string) => Object.assign(new Error(message), { code });

function mapped(error: unknown): OperatorError {
  const result = toOperatorError(error, context);
  expect(result).toBeInstanceOf(OperatorError);
  return result as OperatorError;
}

describe('database errors in operator words', () => {
  it.each([
    ['ENOTFOUND', 'host name not found'],
    ['EAI_AGAIN', 'host name could not be resolved (DNS did not answer)'],
    ['EHOSTUNREACH', 'no route to host'],
    ['ETIMEDOUT', 'no answer'],
  ])('%s → DB_UNREACHABLE', (code, reason) => {
    const error = mapped(socketError(code));
    expect(error.code).toBe('DB_UNREACHABLE');
    expect(error.message).toBe(
      `Cannot reach PostgreSQL at radius-db.noc.example:5432: ${reason}. Check the host, port and firewall.`,
    );
  });

  it('finds the socket code inside an AggregateError (IPv4 and IPv6 both tried)', () => {
    const aggregate = new AggregateError([socketError('ECONNREFUSED')], 'connect failed');
    Object.assign(aggregate, { cause: socketError('ECONNREFUSED') });
    expect(mapped(aggregate).message).toContain('connection refused');
  });

  it('pg_hba rejection (28000) → DB_AUTH_FAILED', () => {
    const error = mapped(serverError('28000', 'no pg_hba.conf entry for host "10.1.1.1"'));
    expect(error.code).toBe('DB_AUTH_FAILED');
    expect(error.message).toContain('refused user "sessiondesk"');
  });

  it('a missing password → DB_AUTH_FAILED', () => {
    const error = mapped(
      new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'),
    );
    expect(error.code).toBe('DB_AUTH_FAILED');
  });

  it('3D000 → DB_NOT_FOUND', () => {
    const error = mapped(serverError('3D000', 'database "radius" does not exist'));
    expect(error.code).toBe('DB_NOT_FOUND');
    expect(error.message).toMatch(
      /^Database "radius" does not exist on host radius-db\.noc\.example:5432\./,
    );
  });

  it.each(['57P01', '57P02', '08006'])('%s (server ended the session) → DB_UNREACHABLE', (code) => {
    expect(mapped(serverError(code, 'terminating connection')).code).toBe('DB_UNREACHABLE');
  });

  it('a connection closed under a query → DB_UNREACHABLE', () => {
    expect(mapped(new Error('Connection terminated unexpectedly')).code).toBe('DB_UNREACHABLE');
  });

  it('57014 → TIMEOUT with the limit in seconds', () => {
    const error = mapped(serverError('57014', 'canceling statement due to statement timeout'));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/^The search was cut short after 5 s:/);
  });

  it('42501 → FORBIDDEN naming the user', () => {
    const error = mapped(serverError('42501', 'permission denied for table radacct'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('GRANT SELECT');
  });

  it('every connection of the pool busy → DB_BUSY, not unreachable', () => {
    const error = mapped(new Error('timeout exceeded when trying to connect'));
    expect(error.code).toBe('DB_BUSY');
    expect(error.message).toMatch(/^PostgreSQL at radius-db\.noc\.example:5432 is busy: all 4/);
    expect(error.message).not.toMatch(/firewall|reach/);
    const slowConnect = mapped(new Error('Connection terminated due to connection timeout'));
    expect(slowConnect.code).toBe('DB_UNREACHABLE');
  });

  // PostgreSQL's own text names internals (types, columns, pg_hba lines) in a language the
  // operator did not choose: the message says what happened in our words, never in its.
  it.each([
    ['22003', 'value "9999999999999999999" is out of range for type bigint', /a number too large/],
    ['22P02', 'invalid input syntax for type inet: "x"', /not of the kind its column holds/],
    ['22007', 'invalid input syntax for type timestamp with time zone: "x"', /date or time/],
    ['22001', 'value too long for type character varying(64)', /too long/],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', /character/],
    ['22012', 'division by zero', /a value it could not use/],
  ])('%s is worded without PostgreSQL text', (code, raw, words) => {
    const error = mapped(serverError(code, raw));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(words);
    expect(error.message).not.toContain(raw);
    expect(error.message).not.toContain(code);
    expect(error.details).toEqual({ sqlState: code });
  });

  it.each([
    ['28000', 'no pg_hba.conf entry for host "10.1.1.1", user "sessiondesk", database "radius"'],
    ['42501', 'permission denied for table radacct'],
  ])('%s keeps PostgreSQL text off the screen', (code, raw) => {
    expect(mapped(serverError(code, raw)).message).not.toContain(raw);
  });

  it('leaves our own bugs alone (they surface as INTERNAL)', () => {
    const bug = new TypeError('cannot read properties of undefined');
    expect(toOperatorError(bug, context)).toBe(bug);
    const syntax = serverError('42601', 'syntax error at or near "FROM"');
    expect(toOperatorError(syntax, context)).toBe(syntax);
  });
});
