import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SessionDeskService } from '../../../src-main/service';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../../../src-main/loopback/loopback-server';

// A service that echoes, so these tests are about the transport and its guards only.
const echoService: SessionDeskService = {
  call: async (method, input) => ({ ok: true, data: { method, input } }),
  subscribe: () => () => undefined,
  resume: async () => undefined,
  close: async () => undefined,
};

let server: LoopbackServer;
let base: string;
const token = 'test-token-0123456789';

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'sd-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Session Desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'outside.txt'), 'outside the renderer');
  server = await startLoopbackServer({ service: echoService, rendererDir, token });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A socket as the page opens it: our own origin, then the hello with the token. */
function openSocket(headers: Record<string, string>, port = server.port): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

const nextMessage = (ws: WebSocket): Promise<unknown> =>
  new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
const closeCode = (ws: WebSocket): Promise<number> =>
  new Promise((resolve) => ws.once('close', (code) => resolve(code)));

describe('loopback transport', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it("serves the page's own files to anyone on this machine: they hold no data", async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Session Desk');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('never sets a cookie, whatever ?token= says', async () => {
    for (const value of [token, 'garbage', encodeURIComponent('x; Max-Age=0; Path=/')]) {
      const reply = await get(`/?token=${value}`, { cookie: `session_desk_token=${token}` });
      expect(reply.status).toBe(200);
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await get('/', { host: `evil.example:${server.port}` });
    expect(reply.status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const reply = await get('/..%2f..%2foutside.txt');
    expect(reply.status).toBe(404);
  });

  it('answers calls over the socket once its first message carried the token', async () => {
    const ws = await openSocket({ origin: base });
    ws.send(JSON.stringify({ token }));
    ws.send(JSON.stringify({ id: 7, method: 'profiles.list', input: {} }));
    expect(await nextMessage(ws)).toEqual({
      id: 7,
      result: { ok: true, data: { method: 'profiles.list', input: {} } },
    });
    ws.close();
  });

  it('refuses a socket from another site or another port of this machine', async () => {
    await expect(openSocket({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket({ origin: 'http://127.0.0.1:1' })).rejects.toThrow(/403/);
    await expect(openSocket({})).rejects.toThrow(/403/);
  });

  it('closes a socket whose first message is not the token, answering nothing', async () => {
    // The old cookie opens nothing any more: only the hello does.
    const ws = await openSocket({ origin: base, cookie: `session_desk_token=${token}` });
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(String(data)));
    const closed = closeCode(ws);
    ws.send(JSON.stringify({ id: 1, method: 'profiles.list', input: {} }));
    expect(await closed).toBe(4401);
    expect(messages).toEqual([]);

    const wrong = await openSocket({ origin: base });
    const wrongClosed = closeCode(wrong);
    wrong.send(JSON.stringify({ token: `${token}x` }));
    expect(await wrongClosed).toBe(4401);
  });
});

describe('a socket that never sends the token', () => {
  it('is closed with 4408 and hears no events meanwhile', async () => {
    let emit: (event: string, payload: unknown) => void = () => undefined;
    const rendererDir = mkdtempSync(join(tmpdir(), 'sd-renderer-'));
    const eventful = await startLoopbackServer({
      service: {
        ...echoService,
        subscribe: (listener) => {
          emit = listener as typeof emit;
          return () => undefined;
        },
      },
      rendererDir,
      token,
      helloTimeoutMs: 300,
    });
    try {
      const origin = { origin: `http://127.0.0.1:${eventful.port}` };
      const silent = await openSocket(origin, eventful.port);
      const heard: string[] = [];
      silent.on('message', (data) => heard.push(String(data)));
      const signedIn = await openSocket(origin, eventful.port);
      signedIn.send(JSON.stringify({ token }));
      // The hello is read before the echo's answer: after it, the socket is signed in.
      signedIn.send(JSON.stringify({ id: 1, method: 'profiles.list', input: {} }));
      await nextMessage(signedIn);
      const event = nextMessage(signedIn);
      emit('export.progress', { exportId: 1 });
      expect(await event).toEqual({ event: 'export.progress', payload: { exportId: 1 } });
      expect(await closeCode(silent)).toBe(4408);
      expect(heard).toEqual([]);
      signedIn.close();
    } finally {
      await eventful.close();
    }
  });
});
