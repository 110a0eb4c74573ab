import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { socketPath, type SocketEvent, type SocketRequest, type SocketResponse } from '@contract';
import type { SessionDeskService } from '../service';
import { AccessGuard, tokenCookie } from './access-guard';
import { serveExportDownload } from './export-downloads';
import { checkBindHost, defaultBindHost } from './bind-address';
import { readStaticFile } from './static-files';

export interface LoopbackOptions {
  service: SessionDeskService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where to listen: 127.0.0.1 by default. Anything but loopback needs allowRemote. */
  host?: string;
  /**
   * The operator asked, by name, to be reachable from other machines (--host): the token
   * is then the only guard. Without it, a non-loopback host is refused.
   */
  allowRemote?: boolean;
  /** 0 picks a free port. */
  port?: number;
  /** Browser mode's exports folder: finished exports download from /exports/<name>. */
  exportsDir?: string;
  /** Fixed token for tests; otherwise a fresh random one per start. */
  token?: string;
}

export interface LoopbackServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The largest request a renderer ever sends is a filter; anything near this is abuse. */
const maxMessageBytes = 256 * 1024;

const securityHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token is in the first URL: never hand it to anyone through Referer.
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function isSocketRequest(value: unknown): value is SocketRequest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return Number.isSafeInteger(candidate.id) && typeof candidate.method === 'string';
}

/**
 * The service bound to HTTP + WebSocket on loopback: the built renderer is served as
 * static files and every call travels over one socket. Used where Electron cannot run
 * (no binary, no display), for a wall screen, and by the end-to-end tests.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const checked = checkBindHost(options.host ?? defaultBindHost);
  if (!checked.ok) throw new Error(checked.message);
  if (!checked.loopback && !options.allowRemote) {
    throw new Error(
      `Refusing to serve on ${checked.host}: it is not a loopback address, and only an explicit --host may open Session Desk to other machines.`,
    );
  }
  const host = checked.host;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  let guard: AccessGuard | null = null;

  const server = createServer((request, response) => {
    void serveHttp(request, response);
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!guard?.hostAllowed(request)) return refuse(response, 421, 'Unknown host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(response, 405, 'Only GET is served here.');
    }
    const url = new URL(request.url ?? '/', 'http://loopback');
    if (!guard.authorised(request, url)) {
      return refuse(
        response,
        401,
        'Session Desk: open the address printed in the console when it started (it carries the access token).',
      );
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie, and drop it from the address bar.
      response.writeHead(303, {
        ...securityHeaders,
        Location: url.pathname,
        'Set-Cookie': `${tokenCookie}=${url.searchParams.get('token')}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end();
      return;
    }
    const headOnly = request.method === 'HEAD';
    if (
      options.exportsDir &&
      (await serveExportDownload(
        options.exportsDir,
        url.pathname,
        response,
        securityHeaders,
        headOnly,
      ))
    ) {
      return;
    }
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return refuse(response, 404, 'Not found.');
    response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://loopback');
    const allowed =
      guard?.hostAllowed(request) &&
      guard.originAllowed(request) &&
      guard.tokenMatches(guard.cookieToken(request)) &&
      url.pathname === socketPath;
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    ws.on('message', (data) => {
      let request: unknown;
      try {
        request = JSON.parse(String(data));
      } catch {
        ws.close(1003, 'not JSON');
        return;
      }
      if (!isSocketRequest(request)) {
        ws.close(1003, 'not a request');
        return;
      }
      void options.service.call(request.method, request.input).then((result) => {
        const response: SocketResponse = { id: request.id, result };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
      });
    });
  }

  // Events go to every page that holds a socket: each one passed the same guards.
  const unsubscribe = options.service.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload } satisfies SocketEvent);
    for (const client of sockets.clients) {
      if (client.readyState === client.OPEN) client.send(message);
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  guard = new AccessGuard(token, port, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
