// Browser mode attacked the way a web page open in the operator's browser, another local
// user, or anything on the machine could: malformed targets, headers, tokens and WebSocket
// frames, with and without the token. The built `npm run browser` runs as its own process,
// so a crash is an exit here, not a failed worker; after every case it must still answer
// an ordinary authenticated call.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  repoRoot,
  run,
  stillRunning,
  stopWithCtrlC,
  waitForOutput,
  type Running,
} from '../../support/child-process';
import {
  openRawSocket,
  rawExchange,
  statusOf,
  wsFrame,
  type RawSocket,
} from '../../support/raw-wire';

let served: Running;
let dataDir: string;
let port: number;
let token: string;
let origin: string;
let host: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sd-hostile-'));
  served = run(join(repoRoot, 'out/main/browser.js'), ['--data-dir', dataDir, '--port', '0']);
  const [url] = await waitForOutput(served, /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/, 30_000);
  const printed = new URL(url);
  port = Number(printed.port);
  token = printed.searchParams.get('token')!;
  origin = printed.origin;
  host = printed.host;
});

afterAll(async () => {
  // Exit code 0 from Ctrl-C: it was alive to the end and shut down cleanly.
  if (served) expect(await stopWithCtrlC(served)).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  expect(stillRunning(served), `browser mode exited:\n${served.output()}`).toBe(true);
  expect(await pageStatus()).toBe(200);
  expect(await authenticatedCall()).toEqual({ ok: true, data: [] });
  expect(served.output()).not.toMatch(/TypeError|RangeError|Unhandled|ERR_/);
});

function pageStatus(): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(`${origin}/`, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

/** What an ordinary page does: open the socket, hand over the token, list the profiles. */
function authenticatedCall(): Promise<unknown> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(`ws://${host}/bridge`, { headers: { origin } });
    ws.once('error', fail);
    ws.once('open', () => {
      ws.send(JSON.stringify({ token }));
      ws.send(JSON.stringify({ id: 1, method: 'profiles.list', input: {} }));
    });
    ws.once('message', (data) => {
      ws.close();
      done((JSON.parse(String(data)) as { result: unknown }).result);
    });
    ws.once('close', (code) => fail(new Error(`socket closed with ${code}`)));
  });
}

/** One raw HTTP/1.1 request; the lines after the request line are sent as given. */
function httpRequest(target: string, headerLines: string[] = [`Host: 127.0.0.1:${port}`]): Buffer {
  return Buffer.from(
    [`GET ${target} HTTP/1.1`, ...headerLines, 'Connection: close', '', ''].join('\r\n'),
    'utf8',
  );
}

async function rawStatus(bytes: Buffer): Promise<number | null> {
  return statusOf(await rawExchange(port, bytes));
}

const hostLine = () => `Host: 127.0.0.1:${port}`;

describe('malformed request targets', () => {
  it.each([
    ['//[', 400],
    ['//[?token=x', 400],
    ['http://evil.example/', 400],
    ['*', 400],
    ['/%', 404],
    ['/%00', 404],
    ['/%E0%A4%A', 404],
    ['/..%2f..%2f..%2fetc%2fpasswd', 404],
    ['/exports/%', 401],
  ])('GET %s → %i', async (target, expected) => {
    expect(await rawStatus(httpRequest(target))).toBe(expected);
  });

  it('refuses an overlong target', async () => {
    const status = await rawStatus(httpRequest(`/${'a'.repeat(100_000)}`));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('refuses a NUL byte and a raw control character in the target', async () => {
    expect(await rawStatus(httpRequest('/\u0000'))).toBe(400);
    expect(await rawStatus(httpRequest('/\u0007x'))).toBe(400);
  });

  it('refuses other methods, a broken body and bytes that are not HTTP at all', async () => {
    const post = `POST / HTTP/1.1\r\n${hostLine()}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`;
    expect(await rawStatus(Buffer.from(post))).toBe(405);
    const chunked = `POST / HTTP/1.1\r\n${hostLine()}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`;
    expect([400, 405]).toContain(await rawStatus(Buffer.from(chunked)));
    const negative = `GET / HTTP/1.1\r\n${hostLine()}\r\nContent-Length: -1\r\n\r\n`;
    expect(await rawStatus(Buffer.from(negative))).toBe(400);
    // A TLS ClientHello sent to the plain-HTTP port.
    const hello = Buffer.from('16030100a5010000a10303', 'hex');
    expect([400, null]).toContain(await rawStatus(hello));
  });
});

describe('bad headers', () => {
  it.each([
    ['no Host', [] as string[], 400],
    ['Host: [', ['Host: ['], 421],
    ['a Host that is not this server', ['Host: evil.example'], 421],
    ['a non-Latin-1 Host', ['Host: ☃.example'], 421],
    ['a non-Latin-1 Cookie', [hostLineLater(), 'Cookie: ☃=☃'], 200],
    [
      'a cookie named like the old token cookie',
      [hostLineLater(), 'Cookie: session_desk_token=%'],
      200,
    ],
    ['a thousand cookies', [hostLineLater(), `Cookie: ${'a=b; '.repeat(1000)}`], 200],
    ['a non-Latin-1 Origin', [hostLineLater(), 'Origin: ☃'], 200],
    ['an Origin of null', [hostLineLater(), 'Origin: null'], 200],
  ])('%s', async (_what, lines, expected) => {
    expect(await rawStatus(httpRequest('/', lines.map(withPort)))).toBe(expected);
  });

  it('headers past the size limit are refused, not parsed', async () => {
    const status = await rawStatus(httpRequest('/', [hostLine(), `X-Big: ${'x'.repeat(64_000)}`]));
    expect(status).toBe(431);
  });
});

// it.each runs its table before beforeAll knows the port: fill it in per request.
function hostLineLater(): string {
  return 'Host: 127.0.0.1:{port}';
}
const withPort = (line: string): string => line.replace('{port}', String(port));

describe('?token= is never turned into a cookie', () => {
  it.each([
    ['garbage', 'garbage'],
    ['a non-Latin-1 value', encodeURIComponent('☃é')],
    ['cookie attributes', encodeURIComponent('x; Max-Age=0; Path=/')],
    ['a broken escape', '%'],
    ['an overlong value', 'a'.repeat(6000)],
  ])('%s', async (_what, value) => {
    const reply = (
      await rawExchange(
        port,
        httpRequest(`/?token=${value}`, [hostLine(), 'Cookie: session_desk_token=whatever']),
      )
    ).toString('latin1');
    expect(statusOf(Buffer.from(reply, 'latin1'))).toBe(200);
    expect(reply).not.toMatch(/^Set-Cookie:/im);
  });

  it('not even the right token', async () => {
    const reply = (await rawExchange(port, httpRequest(`/?token=${token}`))).toString('latin1');
    expect(reply).not.toMatch(/^Set-Cookie:/im);
  });
});

describe('exports need the token in an Authorization header', () => {
  it.each([
    ['none', []],
    ['a wrong token', ['Authorization: Bearer wrong']],
    ['a non-Latin-1 token', ['Authorization: Bearer ☃']],
    ['another scheme', [`Authorization: Basic ${Buffer.from(`x:${token}`).toString('base64')}`]],
    ['the token in a cookie', [`Cookie: session_desk_token=${token}`]],
    ['the token in the query', []],
  ])('%s → 401', async (what, lines) => {
    const target =
      what === 'the token in the query' ? `/exports/a.csv?token=${token}` : '/exports/a.csv';
    expect(await rawStatus(httpRequest(target, [hostLine(), ...lines]))).toBe(401);
  });
});

describe('malformed WebSocket upgrades', () => {
  const upgrade = (path: string, headers: Record<string, string>) =>
    openRawSocket(port, headers, path).then((socket) => {
      socket.destroy();
      return socket.status;
    });

  it.each([
    ['the path //[', '//[', {}, 400],
    ['the path /%', '/%', {}, 403],
    ['no Origin', '/bridge', { origin: '' }, 403],
    ['Origin: [', '/bridge', { origin: '[' }, 403],
    ['a non-Latin-1 Origin', '/bridge', { origin: 'http://☃' }, 403],
    ['Origin: null', '/bridge', { origin: 'null' }, 403],
    ['another port of this machine', '/bridge', { origin: 'http://127.0.0.1:1' }, 403],
    ['a foreign Host', '/bridge', { host: 'evil.example' }, 403],
    ['a non-Latin-1 Host', '/bridge', { host: '☃' }, 403],
  ])('%s', async (_what, path, overrides: Record<string, string>, expected) => {
    const headers: Record<string, string> = { Host: host, Origin: origin };
    if ('origin' in overrides) headers.Origin = overrides.origin!;
    if ('host' in overrides) headers.Host = overrides.host!;
    if (headers.Origin === '') delete headers.Origin;
    expect(await upgrade(path, headers)).toBe(expected);
  });

  it('a handshake of another WebSocket version, or without a key', async () => {
    const bad = `GET /bridge HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\n\r\n`;
    expect(await rawStatus(Buffer.from(bad))).toBe(400);
  });
});

describe('hostile WebSocket frames', () => {
  const open = (): Promise<RawSocket> => openRawSocket(port, { Host: host, Origin: origin });
  const helloFrame = (value: unknown = token) => wsFrame(JSON.stringify({ token: value }));

  async function signedIn(): Promise<RawSocket> {
    const socket = await open();
    expect(socket.status).toBe(101);
    socket.send(helloFrame());
    return socket;
  }

  it.each([
    ['a wrong token', helloFrame('wrong')],
    ['a token that is not text', helloFrame(5)],
    ['a request before the token', wsFrame(JSON.stringify({ id: 1, method: 'profiles.list' }))],
    ['garbage before the token', wsFrame('{{{')],
  ])('%s closes the socket with 4401 and answers nothing', async (_what, frame) => {
    const socket = await open();
    socket.send(frame);
    socket.send(wsFrame(JSON.stringify({ id: 2, method: 'profiles.list', input: {} })));
    expect(await socket.closed).toBe(4401);
    expect(socket.messages).toEqual([]);
  });

  it.each([
    ['a text frame past the size limit', 1009, () => wsFrame('x'.repeat(300 * 1024))],
    ['invalid UTF-8', 1007, () => wsFrame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
    ['an unmasked frame', 1002, () => wsFrame('{}', { mask: false })],
    [
      'a binary frame',
      1003,
      () => wsFrame(Buffer.from('{"id":1,"method":"profiles.list"}'), { opcode: 2 }),
    ],
    ['garbage JSON', 1003, () => wsFrame('{"id": 1, method')],
    ['JSON that is not a request', 1003, () => wsFrame('[1,2,3]')],
    [
      'an id that is no safe integer',
      1003,
      () => wsFrame('{"id": 1e309, "method": "profiles.list"}'),
    ],
    ['deeply nested JSON', 1003, () => wsFrame(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
    ['reserved bits set', 1002, () => wsFrame('{}', { rsv: 7 })],
    ['an unknown opcode', 1002, () => wsFrame('{}', { opcode: 3 })],
    ['a continuation with nothing to continue', 1002, () => wsFrame('{}', { opcode: 0 })],
    [
      'a ping longer than a control frame may be',
      1002,
      () => wsFrame('p'.repeat(200), { opcode: 9 }),
    ],
    [
      'a close frame with an invalid code',
      1002,
      () => wsFrame(Buffer.from([0x03, 0xe7]), { opcode: 8 }),
    ],
  ])('%s → close %i', async (_what, code, frame) => {
    const socket = await signedIn();
    socket.send(frame());
    expect(await socket.closed).toBe(code);
  });

  it('an unknown method is answered as a refused request, and the socket stays open', async () => {
    const socket = await signedIn();
    socket.send(wsFrame(JSON.stringify({ id: 9, method: 'process.exit', input: null })));
    await expect.poll(() => socket.messages.length).toBe(1);
    expect(JSON.parse(socket.messages[0]!)).toMatchObject({
      id: 9,
      result: { ok: false, error: { code: 'INVALID_INPUT' } },
    });
    socket.destroy();
  });

  it('a socket dropped in the middle of a frame', async () => {
    const socket = await signedIn();
    socket.send(wsFrame('x'.repeat(1000)).subarray(0, 40));
    socket.destroy();
    await socket.closed;
  });
});
