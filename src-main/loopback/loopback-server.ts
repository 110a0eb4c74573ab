import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  socketPath,
  socketRefusals,
  tokenParameter,
  type SocketEvent,
  type SocketHello,
  type SocketRequest,
  type SocketResponse,
} from '@contract';
import type { SessionDeskService } from '../service';
import { exportDownloadPath } from '../service/export-destination';
import { AccessGuard, bearerToken } from './access-guard';
import { serveExportDownload } from './export-downloads';
import { checkBindHost, defaultBindHost } from './bind-address';
import { requestPath } from './request-path';
import { readStaticFile } from '../renderer-files';

export interface LoopbackLog {
  error(message: string, error: unknown): void;
}

/**
 * An HTTP endpoint served beside the page (the Automation API's POST /graphql). It brings
 * its own authentication: the browser-mode token opens nothing there.
 */
export interface HttpEndpoint {
  path: string;
  serve(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

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
  /** How long a socket may stay open without sending the token; tests shorten it. */
  helloTimeoutMs?: number;
  /** Where failures nobody asked about go (a bug of ours, never a caller's bad input). */
  log?: LoopbackLog;
  /** Endpoints besides the page and its socket, each behind the same Host check. */
  endpoints?: HttpEndpoint[];
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

/** Failures nobody asked about, for a process whose only log is its console. */
export const consoleLog: LoopbackLog = {
  error: (message, error) => console.error(`[session-desk] ${message}:`, error),
};

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/** Ends a refused upgrade with a plain HTTP answer: no WebSocket was ever opened. */
function refuseUpgrade(socket: Socket, status: 400 | 403, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function parseJson(data: RawData): unknown {
  try {
    return JSON.parse(String(data)) as unknown;
  } catch {
    return undefined;
  }
}

function isSocketHello(value: unknown): value is SocketHello {
  return typeof value === 'object' && value !== null && 'token' in value;
}

function isSocketRequest(value: unknown): value is SocketRequest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return Number.isSafeInteger(candidate.id) && typeof candidate.method === 'string';
}

/**
 * The service bound to HTTP + WebSocket on loopback: the built renderer is served as
 * static files and every call travels over one socket, which serves nothing until its
 * first message has carried the token. Used where Electron cannot run (no binary, no
 * display), for a wall screen, and by the end-to-end tests.
 *
 * Nothing a caller sends may end the process: every handler catches, malformed requests
 * get a 4xx, and malformed frames close that one socket with the code RFC 6455 gives them.
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
  const log = options.log ?? consoleLog;
  const helloTimeoutMs = options.helloTimeoutMs ?? 10_000;
  let guard: AccessGuard | null = null;

  // Node answers what it cannot parse (bad request line, oversized headers, a NUL byte)
  // with 400 or 431 itself; everything that parses comes here.
  const server = createServer((request, response) => {
    serveHttp(request, response).catch((error: unknown) => {
      log.error(`browser mode could not answer ${request.method} request`, error);
      if (!response.headersSent) refuse(response, 500, 'Session Desk could not answer this.');
      else response.destroy();
    });
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!guard?.hostAllowed(request.headers.host)) return refuse(response, 421, 'Unknown host.');
    const path = requestPath(request.url);
    const endpoint = options.endpoints?.find((candidate) => candidate.path === path);
    if (endpoint) return endpoint.serve(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(response, 405, 'Only GET is served here.');
    }
    if (path === null) return refuse(response, 400, 'Malformed address.');
    const headOnly = request.method === 'HEAD';
    if (path.startsWith(exportDownloadPath)) {
      if (!guard.tokenMatches(bearerToken(request.headers.authorization))) {
        return refuse(response, 401, 'Session Desk: exports download from the page only.');
      }
      const served =
        options.exportsDir !== undefined &&
        (await serveExportDownload(options.exportsDir, path, response, securityHeaders, headOnly));
      if (!served) refuse(response, 404, 'Not found.');
      return;
    }
    // The page's own files hold no data: the page asks for the token over the socket.
    const file = await readStaticFile(rendererDir, path);
    if (!file) return refuse(response, 404, 'Not found.');
    response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType });
    response.end(headOnly ? undefined : file.body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  /** Sockets whose first message carried the token: the only ones served or sent events. */
  const signedIn = new Set<WebSocket>();

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node leaves an upgraded socket without an error listener: a reset would crash us.
    socket.on('error', () => socket.destroy());
    try {
      const path = requestPath(request.url);
      if (path === null) return refuseUpgrade(socket, 400, 'Bad Request');
      const allowed =
        guard?.hostAllowed(request.headers.host) &&
        guard.originAllowed(request.headers.origin) &&
        path === socketPath;
      if (!allowed) return refuseUpgrade(socket, 403, 'Forbidden');
      sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
    } catch (error) {
      log.error('browser mode could not answer a WebSocket upgrade', error);
      socket.destroy();
    }
  });

  function serveSocket(ws: WebSocket): void {
    // ws closes the socket itself on a protocol error (1002 unmasked or malformed frame,
    // 1007 invalid UTF-8, 1009 too big) and then emits 'error': heard, so it ends nothing.
    ws.on('error', () => undefined);
    const helloTimer = setTimeout(
      () => ws.close(socketRefusals.helloTimeout, 'no access token'),
      helloTimeoutMs,
    );
    ws.on('close', () => {
      clearTimeout(helloTimer);
      signedIn.delete(ws);
    });
    ws.on('message', (data, isBinary) => {
      try {
        // Frames still arriving after we decided to close are not read.
        if (ws.readyState !== ws.OPEN) return;
        if (isBinary) return ws.close(1003, 'text frames only');
        const message = parseJson(data);
        if (!signedIn.has(ws)) {
          if (!isSocketHello(message) || !guard?.tokenMatches(message.token)) {
            return ws.close(socketRefusals.tokenRefused, 'access token refused');
          }
          clearTimeout(helloTimer);
          signedIn.add(ws);
          return;
        }
        if (message === undefined) return ws.close(1003, 'not JSON');
        if (!isSocketRequest(message)) return ws.close(1003, 'not a request');
        answer(ws, message);
      } catch (error) {
        log.error('browser mode could not read a socket message', error);
        ws.terminate();
      }
    });
  }

  function answer(ws: WebSocket, request: SocketRequest): void {
    options.service
      .call(request.method, request.input)
      .then((result) => {
        const response: SocketResponse = { id: request.id, result };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
      })
      .catch((error: unknown) =>
        log.error(`browser mode could not answer ${request.method}`, error),
      );
  }

  // Events go to every page that holds a signed-in socket: each one passed the same guards.
  const unsubscribe = options.service.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload } satisfies SocketEvent);
    for (const client of signedIn) {
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
    url: `http://${urlHost}:${port}/?${tokenParameter}=${token}`,
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
