// The Automation API attacked as anything on this machine, or a page in the operator's
// browser, could: huge and deeply nested queries, batches, wrong types, introspection abuse,
// broken JSON, bad or absent Authorization headers, cookies, Origins, other content types,
// bodies cut short, a token looping. The built `npm run browser` runs as a host with no
// screen does (--database-url, a token from `npm run api-token`), as its own process: after
// every case it must still answer the spec's query with the token.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localStoreFile } from '../../../src-main/data-folder';
import { openLocalStore } from '../../../src-main/local-store';
import { createKeyFileSealer } from '../../../src-main/secrets/key-file-sealer';
import { addSubscriberWithId, postGraphql } from '../../support/automation-api';
import {
  repoRoot,
  run,
  stillRunning,
  stopWithCtrlC,
  waitForOutput,
  type Running,
} from '../../support/child-process';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { rawExchange, statusOf } from '../../support/raw-wire';
import { insertSessions, online } from '../../support/seed';

const execute = promisify(execFile);
const specQuery =
  'query getOnlineSessions($userId: Int!) { getOnlineSessions(userId: $userId) { id sessionId nasIpAddress startTime framedIpAddress connectInfoStart } }';

let database: TestDatabase;
let served: Running;
let dataDir: string;
let apiUrl: string;
let port: number;
let cliToken: string;
let sessionId: string;

/** `npm run api-token -- …` as the README has a host with no screen run it. */
async function apiTokenCli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return execute('npm', ['run', '-s', 'api-token', '--', ...args, '--data-dir', dataDir], {
    cwd: repoRoot,
  });
}

/**
 * A token of its own for each case, so one case's requests never use up another's rate;
 * made in the store as the CLI makes them, beside the running server.
 */
function freshToken(mayDisconnect = false): string {
  const store = openLocalStore(localStoreFile(dataDir), createKeyFileSealer(dataDir));
  try {
    const profileId = store.lastProfileId.get()!;
    const name = `case-${Math.random().toString(36).slice(2, 10)}`;
    return store.apiTokens.create(
      profileId,
      { name, scope: { kind: 'admin' }, mayDisconnect, expiresInDays: 1 },
      new Date(),
    ).secret;
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  await addSubscriberWithId(database.pool(), { id: 12345, username: 'user12345@orbnet.example' });
  [sessionId] = (await insertSessions(database.pool(), [
    online({ username: 'user12345@orbnet.example', nas: '10.0.0.1', ip: '100.64.0.9' }),
  ])) as [string];
  dataDir = mkdtempSync(join(tmpdir(), 'sd-graphql-hostile-'));
  served = run(join(repoRoot, 'out/main/browser.js'), [
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--database-url',
    database.url,
    '--profile',
    'radius',
  ]);
  const [line] = await waitForOutput(served, /Automation API: POST (\S+)/, 30_000);
  apiUrl = line.split(' ')[3]!;
  port = Number(new URL(apiUrl).port);
  expect(served.output()).toMatch(/Profile "radius": connected \(FreeRADIUS \+ panel tables\)/);
  const created = await apiTokenCli('create', '--name', 'hostile', '--scope', 'admin');
  cliToken = created.stdout.trim();
  expect(created.stderr).toMatch(
    /Created the API token "hostile" \(admin, expires \d{4}-\d\d-\d\d\)/,
  );
}, 60_000);

afterAll(async () => {
  if (served) expect(await stopWithCtrlC(served)).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

afterEach(async () => {
  expect(stillRunning(served), `browser mode exited:\n${served.output()}`).toBe(true);
  const answer = await postGraphql(apiUrl, freshToken(), {
    query: specQuery,
    variables: { userId: 12345 },
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ data: { getOnlineSessions: [{ id: sessionId }] } });
  expect(served.output()).not.toMatch(/TypeError|RangeError|Unhandled|ERR_|internal error/);
});

/** One raw HTTP/1.1 POST to /graphql; the header lines are sent as given. */
function rawPost(headerLines: string[], body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([
    Buffer.from(
      [
        'POST /graphql HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        ...headerLines,
        `Content-Length: ${bytes.length}`,
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
      'latin1',
    ),
    bytes,
  ]);
}

/** Status, head and JSON body (null when the answer is not the API's JSON) of a raw exchange. */
async function rawAnswer(
  bytes: Buffer,
): Promise<{ status: number | null; body: unknown; head: string }> {
  const reply = (await rawExchange(port, bytes)).toString('utf8');
  const [head = '', ...rest] = reply.split('\r\n\r\n');
  const json = /^Content-Type: application\/json/im.test(head);
  return {
    status: statusOf(Buffer.from(reply)),
    body: json ? (JSON.parse(rest.join('\r\n\r\n')) as unknown) : null,
    head,
  };
}

const codeOf = (body: unknown): unknown =>
  (body as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;

describe('huge queries', () => {
  it('a body past 64 KiB → 413, declared or chunked', async () => {
    const token = freshToken();
    const big = JSON.stringify({ query: `{ __typename ${' '.repeat(70_000)} }` });
    const declared = await postGraphql(apiUrl, token, big);
    expect(declared.status).toBe(413);
    expect(codeOf(declared.body)).toBe('BAD_REQUEST');

    const chunked = [
      'POST /graphql HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Content-Type: application/json',
      `Authorization: Bearer ${token}`,
      'Transfer-Encoding: chunked',
      '',
      '',
    ].join('\r\n');
    const chunk = `${(40_000).toString(16)}\r\n${'x'.repeat(40_000)}\r\n`;
    const answer = await rawAnswer(Buffer.from(chunked + chunk + chunk + '0\r\n\r\n'));
    expect(answer.status).toBe(413);
  });

  it('more tokens than the parser takes → 400 GRAPHQL_PARSE_FAILED', async () => {
    const query = `{ ${Array.from({ length: 1200 }, () => '__typename').join(' ')} }`;
    const answer = await postGraphql(apiUrl, freshToken(), { query });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({
      // graphql-js's own words, "more that" included.
      message: expect.stringMatching(
        /^Syntax Error: Document contains more th.. 1000 tokens\. Parsing aborted\.$/,
      ),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('the same read asked six times → 400', async () => {
    const reads = Array.from(
      { length: 6 },
      (_, n) => `r${n}: getOnlineSessions(userId: 12345) { id }`,
    );
    const answer = await postGraphql(apiUrl, freshToken(), { query: `{ ${reads.join(' ')} }` });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toBe(
      'The query asks for 6 top-level fields; at most 5 per request.',
    );
  });
});

describe('deep nesting', () => {
  it.each([
    [
      'fields nested past the limit',
      'GRAPHQL_VALIDATION_FAILED',
      `{ __schema { types { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } }`,
    ],
    ['ten thousand braces', 'GRAPHQL_PARSE_FAILED', `${'{'.repeat(10_000)}${'}'.repeat(10_000)}`],
    [
      'a list value nested thousands deep',
      'GRAPHQL_PARSE_FAILED',
      `{ getOnlineSessions(userId: ${'['.repeat(5_000)}1${']'.repeat(5_000)}) { id } }`,
    ],
  ])('%s → 400 %s', async (_what, code, query) => {
    const answer = await postGraphql(apiUrl, freshToken(), { query });
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe(code);
  });

  it('variables nested twenty thousand deep → 400 BAD_USER_INPUT', async () => {
    const body = `{"query": ${JSON.stringify(specQuery)}, "variables": {"userId": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    const answer = await postGraphql(apiUrl, freshToken(), body);
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe('BAD_USER_INPUT');
  });
});

describe('batched queries', () => {
  it('a JSON array of operations → 400, none run', async () => {
    const one = { query: specQuery, variables: { userId: 12345 } };
    const answer = await postGraphql(apiUrl, freshToken(), [one, one]);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toBe(
      'Batched queries are not accepted: send one operation per request.',
    );
  });

  it('two operations in one document without operationName → 400', async () => {
    const query = 'query a { __typename } query b { __typename }';
    const answer = await postGraphql(apiUrl, freshToken(), { query });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'Must provide operation name if query contains multiple operations.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('two mutations in one request → 400, nothing disconnected', async () => {
    const query = `mutation { a: disconnectSession(id: "${sessionId}") { result } b: disconnectSession(id: "${sessionId}") { result } }`;
    const answer = await postGraphql(apiUrl, freshToken(), { query });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toBe(
      'The query asks for 2 mutations: send one disconnect per request.',
    );
  });
});

describe('wrong types', () => {
  it.each([
    ['userId as text', { query: specQuery, variables: { userId: 'abc' } }, 400, 'BAD_USER_INPUT'],
    [
      'userId past 32 bits',
      { query: specQuery, variables: { userId: 2 ** 31 } },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'userId with a fraction',
      { query: specQuery, variables: { userId: 1.5 } },
      400,
      'BAD_USER_INPUT',
    ],
    ['userId missing', { query: specQuery, variables: {} }, 400, 'BAD_USER_INPUT'],
    [
      'userId as an object',
      { query: specQuery, variables: { userId: { $gt: 0 } } },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'a literal of the wrong type',
      { query: '{ getOnlineSessions(userId: "12345") { id } }' },
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a field the type has not',
      { query: '{ getOnlineSessions(userId: 1) { password } }' },
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'an id that is no radacct id',
      { query: 'mutation { disconnectSession(id: "1; DROP TABLE radacct") { result } }' },
      200,
      'BAD_USER_INPUT',
    ],
    [
      'a username with a NUL byte',
      { query: '{ getOnlineSessionsByUsername(username: "a\\u0000b") { id } }' },
      200,
      'BAD_USER_INPUT',
    ],
    ['query as a number', { query: 5 }, 400, 'BAD_REQUEST'],
    ['no query at all', { variables: { userId: 1 } }, 400, 'BAD_REQUEST'],
    ['variables as a list', { query: specQuery, variables: [12345] }, 400, 'BAD_REQUEST'],
    ['operationName as a number', { query: specQuery, operationName: 7 }, 400, 'BAD_REQUEST'],
    [
      'a subscription',
      { query: 'subscription { getOnlineSessions(userId: 1) { id } }' },
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])('%s', async (_what, body, status, code) => {
    // A token that may disconnect: the mutation's id is checked, not the token's right.
    const answer = await postGraphql(apiUrl, freshToken(true), body);
    expect(answer.status).toBe(status);
    expect(codeOf(answer.body)).toBe(code);
    expect(answer.body.errors?.[0]?.message).toMatch(/\w/);
  });
});

describe('introspection', () => {
  it('the standard introspection query is answered, with a token', async () => {
    const answer = await postGraphql(apiUrl, freshToken(), { query: getIntrospectionQuery() });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveProperty('__schema.queryType.name', 'Query');
  });

  it('but not without one', async () => {
    const answer = await postGraphql(apiUrl, null, { query: getIntrospectionQuery() });
    expect(answer.status).toBe(401);
  });

  it.each([
    [
      'aliases multiplied under lists',
      `{ __schema { types { fields { type { fields { ${Array.from({ length: 120 }, (_, n) => `a${n}: name`).join(' ')} } } } } } }`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'fragments doubling forty times',
      `{ __schema { queryType { ...F0 } } } ${Array.from({ length: 40 }, (_, n) => `fragment F${n} on __Type { ${n < 39 ? `...F${n + 1} ...F${n + 1}` : 'name'} }`).join(' ')}`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'fragments that spread each other',
      '{ __schema { ...A } } fragment A on __Schema { ...B } fragment B on __Schema { ...A }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['__type of a type that is not there', '{ __type(name: "Secret") { fields { name } } }', null],
  ])('%s', async (_what, query, code) => {
    const answer = await postGraphql(apiUrl, freshToken(), { query });
    if (code === null) {
      expect(answer.body).toEqual({ data: { __type: null } });
    } else {
      expect(answer.status).toBe(400);
      expect(codeOf(answer.body)).toBe(code);
    }
  });
});

describe('invalid JSON and bodies', () => {
  it.each([
    ['broken JSON', '{"query": '],
    ['an empty body', ''],
    ['a JSON string', '"{ __typename }"'],
    ['JSON null', 'null'],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['a NUL byte', Buffer.from('{"query": "{ __typename }"}\u0000')],
  ])('%s → 400 BAD_REQUEST', async (_what, body) => {
    const answer = await rawAnswer(
      rawPost(['Content-Type: application/json', `Authorization: Bearer ${freshToken()}`], body),
    );
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe('BAD_REQUEST');
  });

  it('a body cut short by a client that goes away', async () => {
    const head = [
      'POST /graphql HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Content-Type: application/json',
      `Authorization: Bearer ${freshToken()}`,
      'Content-Length: 1000',
      '',
      '{"query": "{ __typ',
    ].join('\r\n');
    expect(await rawExchange(port, head, 300)).toEqual(Buffer.alloc(0));
  });
});

describe('bad or absent Authorization headers', () => {
  it.each([
    ['none', []],
    ['Bearer and nothing', ['Authorization: Bearer']],
    ['Bearer with a space inside', ['Authorization: Bearer abc def']],
    ['lower-case bearer', ['Authorization: bearer sdapi_x']],
    ['Basic', ['Authorization: Basic c2RhcGk6eA==']],
    ['a non-Latin-1 token', ['Authorization: Bearer ☃']],
    ['a control character', ['Authorization: Bearer sdapi_\u0001']],
    ['a token of 8,000 characters', [`Authorization: Bearer sdapi_${'a'.repeat(8000)}`]],
  ])('%s → 401', async (_what, lines) => {
    const answer = await rawAnswer(
      rawPost(['Content-Type: application/json', ...lines], `{"query": "{ __typename }"}`),
    );
    expect([400, 401]).toContain(answer.status);
    if (answer.status === 401) {
      expect(answer.head).toMatch(/^WWW-Authenticate: Bearer realm="Session Desk"/im);
      expect(codeOf(answer.body)).toBe('UNAUTHENTICATED');
    }
  });

  it('headers past the size limit are refused by Node, not parsed', async () => {
    const answer = await rawAnswer(rawPost([`Authorization: Bearer ${'a'.repeat(70_000)}`], '{}'));
    expect(answer.status).toBe(431);
  });
});

describe('requests a browser page could make', () => {
  it.each([
    ['a cookie', ['Content-Type: application/json', 'Cookie: session=1'], 403],
    ['an Origin', ['Content-Type: application/json', 'Origin: https://evil.example'], 403],
    ['Origin: null', ['Content-Type: application/json', 'Origin: null'], 403],
    ['a form body', ['Content-Type: application/x-www-form-urlencoded'], 415],
    ['text/plain', ['Content-Type: text/plain'], 415],
    ['no Content-Type', [], 415],
    ['JSON in another charset', ['Content-Type: application/json; charset=latin1'], 415],
  ])('%s is refused, even with a valid token', async (_what, lines, status) => {
    const token = freshToken();
    const answer = await rawAnswer(
      rawPost([...lines, `Authorization: Bearer ${token}`], `{"query": "{ __typename }"}`),
    );
    expect(answer.status).toBe(status);
    expect(answer.head).not.toMatch(/^Access-Control-Allow/im);
  });

  it.each(['GET', 'OPTIONS', 'PUT', 'DELETE'])('%s → 405 with no CORS answer', async (method) => {
    const request = [
      `${method} /graphql HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Origin: https://evil.example',
      'Access-Control-Request-Method: POST',
      'Access-Control-Request-Headers: authorization, content-type',
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    const answer = await rawAnswer(Buffer.from(request));
    expect(answer.status).toBe(405);
    expect(answer.head).toMatch(/^Allow: POST/im);
    expect(answer.head).not.toMatch(/^Access-Control-Allow/im);
  });

  it('a Host that is not this server (DNS rebinding) → 421', async () => {
    const bytes = rawPost(
      ['Content-Type: application/json', `Authorization: Bearer ${freshToken()}`],
      '{}',
    );
    const rebound = Buffer.from(
      bytes.toString('latin1').replace(`Host: 127.0.0.1:${port}`, 'Host: evil.example'),
      'latin1',
    );
    expect((await rawAnswer(rebound)).status).toBe(421);
  });
});

describe('a token looping', () => {
  it('gets 429 with Retry-After past its burst; other tokens carry on', async () => {
    const token = freshToken();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => postGraphql(apiUrl, token, { query: '{ __typename }' })),
    );
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    for (const answer of limited) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(codeOf(answer.body)).toBe('RATE_LIMITED');
    }
  });
});

describe('npm run api-token', () => {
  it('lists the token with its last use, and a revoked one gets 401', async () => {
    expect((await postGraphql(apiUrl, cliToken, { query: '{ __typename }' })).status).toBe(200);
    const listed = await apiTokenCli('list');
    expect(listed.stdout).toMatch(
      /^Profile "radius":\nNAME +SCOPE +CREATED \(UTC\) +EXPIRES \(UTC\) +LAST USED +STATE\n/,
    );
    expect(listed.stdout).toMatch(
      /^hostile +admin +\d{4}-\d\d-\d\d \d\d:\d\d +\d{4}-\d\d-\d\d \d\d:\d\d +\d{4}-\d\d-\d\d \d\d:\d\d +active$/m,
    );

    const revoked = await apiTokenCli('revoke', '--name', 'hostile');
    expect(revoked.stdout).toMatch(
      /^Revoked the API token "hostile" \(admin, expires .*\): it gets 401 from now on\.$/m,
    );
    const after = await postGraphql(apiUrl, cliToken, { query: '{ __typename }' });
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.message).toMatch(/^The API token "hostile" was revoked on /);
  });

  it('refuses a reseller token without its reseller, in words', async () => {
    const refused = apiTokenCli('create', '--name', 'r', '--scope', 'reseller');
    await expect(refused).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^The reseller id must be a whole number \(resellers\.id\)\./),
    });
  });
});
