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

const cookie = `session_desk_token=${token}`;

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('loopback transport', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('serves nothing without the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
    expect((await get('/?token=wrong-token-0123456789')).status).toBe(401);
  });

  it('trades the token for an HttpOnly cookie and strips it from the address', async () => {
    const reply = await get(`/?token=${token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Session Desk');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const reply = await get('/', { cookie, host: `evil.example:${server.port}` });
    expect(reply.status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const reply = await get('/..%2f..%2foutside.txt', { cookie });
    expect(reply.status).toBe(404);
  });

  it('answers calls over the socket for our own origin', async () => {
    const ws = await openSocket({ cookie, origin: base });
    const answer = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
    ws.send(JSON.stringify({ id: 7, method: 'profiles.list', input: {} }));
    expect(JSON.parse(await answer)).toEqual({
      id: 7,
      result: { ok: true, data: { method: 'profiles.list', input: {} } },
    });
    ws.close();
  });

  it('refuses a socket from another site, or without the cookie', async () => {
    await expect(openSocket({ cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket({ origin: base })).rejects.toThrow(/403/);
    await expect(openSocket({ cookie })).rejects.toThrow(/403/);
  });
});
