import { describe, expect, it } from 'vitest';
import { contract, methodNames } from '@contract';
import { createDispatch } from '../../../src-main/service/dispatch';
import type { Handlers } from '@contract';

// Handlers that record what they were given: validation must stop bad input before them.
function recordingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (input: unknown) => {
        calls.push(name);
        return input;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const silent = { error: () => undefined };

async function expectRejected(method: string, input: unknown, fragment: RegExp) {
  const { handlers, calls } = recordingHandlers();
  const result = await createDispatch(handlers, silent)(method, input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('INVALID_INPUT');
  expect(result.error.message).toMatch(fragment);
  expect(calls).toEqual([]);
}

const goodList = { filter: { search: 'john', status: 'online', nasIp: null } };

describe('contract validation', () => {
  it('accepts a sessions.list request and fills defaults', async () => {
    const { handlers } = recordingHandlers();
    const result = await createDispatch(handlers, silent)('sessions.list', goodList);
    expect(result).toEqual({
      ok: true,
      data: {
        filter: { search: 'john', status: 'online', nasIp: null },
        sort: { column: 'startTime', direction: 'desc' },
        pageSize: 100,
        cursor: null,
      },
    });
  });

  it('rejects a NUL byte in the search text', () =>
    expectRejected('sessions.list', { filter: { search: 'jo\u0000hn' } }, /NUL byte/));

  it('rejects absurdly long search text', () =>
    expectRejected('sessions.list', { filter: { search: 'x'.repeat(201) } }, /longer than 200/));

  it('rejects a page size above 1000', () =>
    expectRejected('sessions.list', { ...goodList, pageSize: 5000 }, /at most 1000/));

  it('rejects a fractional page size', () =>
    expectRejected('sessions.list', { ...goodList, pageSize: 10.5 }, /whole number/));

  it('rejects an unknown status', () =>
    expectRejected('sessions.list', { filter: { status: 'maybe' } }, /filter\.status/));

  it('rejects an unknown sort column (no SQL can be smuggled in)', () =>
    expectRejected(
      'sessions.list',
      { ...goodList, sort: { column: 'username; DROP TABLE radacct', direction: 'asc' } },
      /sort\.column/,
    ));

  it('rejects a cursor whose id is not a radacctid', () =>
    expectRejected(
      'sessions.list',
      { ...goodList, cursor: { value: null, id: '1 OR 1=1' } },
      /radacctid/,
    ));

  // radacctid is bigint (int8): a larger id would reach PostgreSQL only to be refused there,
  // in PostgreSQL's words. Every id input stops it first.
  const pastInt8 = '9223372036854775808';
  const largestInt8 = '9223372036854775807';

  it('rejects a cursor id past the largest bigint', () =>
    expectRejected(
      'sessions.list',
      { ...goodList, cursor: { value: null, id: pastInt8 } },
      /at most 9223372036854775807/,
    ));

  it.each([
    ['nas.disconnect', { radacctId: pastInt8 }],
    ['subscribers.ping', { radacctId: '9999999999999999999' }],
    ['disconnect.preview', { selection: { kind: 'sessions', radacctIds: ['1', pastInt8] } }],
    ['disconnect.start', { selection: { kind: 'sessions', radacctIds: [pastInt8] } }],
  ])('%s refuses a radacct id past the largest bigint', (method, input) =>
    expectRejected(method, input, /larger than any radacct id PostgreSQL can hold/),
  );

  it('takes the largest bigint itself', async () => {
    const { handlers, calls } = recordingHandlers();
    const result = await createDispatch(handlers, silent)('nas.disconnect', {
      radacctId: largestInt8,
    });
    expect(result.ok).toBe(true);
    expect(calls).toEqual(['nas.disconnect']);
  });

  it('rejects unknown fields instead of ignoring them', () =>
    expectRejected('sessions.list', { ...goodList, sql: 'SELECT 1' }, /sql/));

  it('rejects a profile without a host and with a port out of range', () =>
    expectRejected(
      'profiles.save',
      {
        id: null,
        name: 'core',
        host: '   ',
        port: 70000,
        database: 'radius',
        user: 'radius',
        sslMode: 'prefer',
        password: null,
      },
      /Host is required.*Port must be between 1 and 65535/,
    ));

  it('rejects a refresh interval below 2 s', () =>
    expectRejected('settings.set', { refreshSeconds: 1 }, /at least 2 s/));

  it('fills the ports, TLS and Message-Authenticator a NAS draft leaves out', async () => {
    const { handlers } = recordingHandlers();
    const draft = { nasIp: ' 127.0.10.1 ', apiUser: null, apiPassword: null, coaSecret: null };
    expect(await createDispatch(handlers, silent)('nasAccess.save', draft)).toEqual({
      ok: true,
      data: {
        ...draft,
        nasIp: '127.0.10.1',
        apiPort: 8728,
        apiTls: false,
        apiTlsFingerprint: null,
        coaPort: 3799,
        requireMessageAuthenticator: false,
      },
    });
  });

  it('fills the audit filters a page request leaves out, and refuses an unknown result', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatch(handlers, silent);
    expect(await dispatch('audit.list', { limit: 50 })).toMatchObject({
      ok: true,
      data: { limit: 50, beforeId: null, runId: null, result: null, nasIp: null },
    });
    expect(await dispatch('audit.list', { runId: 12, result: 'maybe' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/result filter/) },
    });
  });

  it('normalises a pasted certificate fingerprint to AA:BB:…', async () => {
    const { handlers } = recordingHandlers();
    const bare = 'ab'.repeat(32);
    const draft = { nasIp: '127.0.10.1', apiUser: null, apiPassword: null, coaSecret: null };
    const answer = await createDispatch(handlers, silent)('nasAccess.save', {
      ...draft,
      apiTlsFingerprint: ` ${bare} `,
    });
    expect(answer).toMatchObject({
      ok: true,
      data: { apiTlsFingerprint: Array(32).fill('AB').join(':') },
    });
  });

  it('rejects a certificate fingerprint that is not a SHA-256', () =>
    expectRejected(
      'nasAccess.save',
      {
        nasIp: '127.0.10.1',
        apiUser: null,
        apiPassword: null,
        coaSecret: null,
        // A SHA-1, 20 bytes: what older tools print.
        apiTlsFingerprint: 'AB:'.repeat(19) + 'AB',
      },
      /apiTlsFingerprint: The certificate fingerprint must be a SHA-256: 64 hex digits/,
    ));

  it('rejects a NAS draft with a NUL byte in its secret and a CoA port out of range', () =>
    expectRejected(
      'nasAccess.save',
      { nasIp: '127.0.10.1', apiUser: null, apiPassword: null, coaSecret: 'a\u0000b', coaPort: 0 },
      /coaPort: CoA port must be between 1 and 65535.*coaSecret: CoA secret contains a NUL byte/,
    ));

  it('rejects an audit page of 0 entries', () =>
    expectRejected('audit.list', { limit: 0 }, /Limit must be at least 1/));

  it('rejects a request with a method nobody declared', () =>
    expectRejected('sessions.drop', {}, /Unknown request/));

  it('rejects non-object input', () => expectRejected('profiles.list', 'hello', /object/i));

  it('turns an unexpected exception into INTERNAL without leaking it', async () => {
    const { handlers } = recordingHandlers();
    handlers['profiles.list'] = async () => {
      throw new Error('secret stack detail');
    };
    const logged: unknown[] = [];
    const result = await createDispatch(handlers, { error: (_m, e) => logged.push(e) })(
      'profiles.list',
      {},
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toContain('secret stack detail');
    expect(logged).toHaveLength(1);
  });

  it('declares a schema for every method', () => {
    for (const name of methodNames) expect(contract[name].input).toBeDefined();
  });
});
