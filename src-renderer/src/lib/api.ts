// The only file that knows how the renderer reaches main: IPC through the preload when it
// runs in Electron, a WebSocket on loopback when it runs in a browser. Everything else
// calls `call()` and gets a typed Result.
import {
  graphqlPath,
  socketPath,
  socketRefusals,
  tokenParameter,
  type EventName,
  type Events,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  type SessionDeskBridge,
  type SocketEvent,
  type SocketHello,
  type SocketRequest,
  type SocketResponse,
} from '@contract';

declare global {
  interface Window {
    sessionDesk?: SessionDeskBridge;
  }
}

type Invoke = (method: string, input: unknown) => Promise<Result<unknown>>;
type Listen = (event: string, listener: (payload: unknown) => void) => () => void;

interface Transport {
  invoke: Invoke;
  listen: Listen;
  /** A finished export as browser mode serves it; the desktop app saves exports itself. */
  fetchExport: (url: string) => Promise<Result<Blob>>;
}

const bridgeDown = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'BRIDGE_DOWN', message },
});

const forbidden = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'FORBIDDEN', message },
});

const noToken = forbidden(
  'This page carries no access token. Open the address Session Desk printed in its console ' +
    'when it started (it ends in ?token=…).',
);
const tokenRefused = forbidden(
  "Session Desk refused this page's access token: it was restarted since, or the address " +
    'was mistyped. Open the address it printed in its console when it started.',
);

const tokenKey = 'session-desk-token';

/**
 * The token of the address browser mode printed, taken out of the address bar and kept in
 * this tab's sessionStorage, which belongs to this origin alone (scheme, host and port): no
 * other server or page of this machine can read it, set it or clear it, and a reload keeps it.
 */
function pageToken(): string | null {
  const address = new URL(location.href);
  const given = address.searchParams.get(tokenParameter);
  if (given === null) {
    try {
      return sessionStorage.getItem(tokenKey);
    } catch {
      return null;
    }
  }
  try {
    sessionStorage.setItem(tokenKey, given);
  } catch {
    // Storage disabled: the token still works until the page is reloaded.
  }
  address.searchParams.delete(tokenParameter);
  history.replaceState(history.state, '', address.pathname + address.search + address.hash);
  return given;
}

/**
 * Browser mode: one socket, reopened on the next call after it drops; its first message
 * hands over the token. Events arrive on the same socket; listeners outlive a dropped
 * socket and hear the next one. Once the server refuses the token, every call says so.
 */
function socketTransport(): Transport {
  const token = pageToken();
  let refusal: Result<never> | null = token === null ? noToken : null;
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const open = (): Promise<WebSocket> => {
    if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const url = new URL(socketPath, location.href);
      url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(url);
      ws.onopen = () => {
        const hello: SocketHello = { token: token ?? '' };
        ws.send(JSON.stringify(hello));
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const received = JSON.parse(String(message.data)) as SocketResponse | SocketEvent;
        if ('event' in received) {
          for (const listener of listeners.get(received.event) ?? []) listener(received.payload);
          return;
        }
        pending.get(received.id)?.(received.result);
        pending.delete(received.id);
      };
      ws.onclose = (closed) => {
        if (opening) {
          opening = null;
          reject(new Error('closed before open'));
        }
        socket = null;
        if (closed.code === socketRefusals.tokenRefused) refusal = tokenRefused;
        for (const settle of pending.values()) {
          settle(
            refusal ?? bridgeDown('Lost contact with Session Desk; retrying on the next refresh.'),
          );
        }
        pending.clear();
      };
    });
    return opening;
  };

  const invoke: Invoke = async (method, input) => {
    if (refusal) return refusal;
    let ws: WebSocket;
    try {
      ws = await open();
    } catch {
      return bridgeDown(
        'Cannot reach Session Desk on this machine. Is it still running? Reload the page after restarting it.',
      );
    }
    const id = nextId++;
    const request: SocketRequest = { id, method, input };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify(request));
    });
  };

  const listen: Listen = (event, listener) => {
    const forEvent = listeners.get(event) ?? new Set();
    listeners.set(event, forEvent);
    forEvent.add(listener);
    // Main pushes only to open sockets: open one now (a failure shows on the next call).
    if (!refusal) void open().catch(() => undefined);
    return () => forEvent.delete(listener);
  };

  // The token goes in a header, never in the address: a download link would leave it in
  // the browser's download history.
  const fetchExport = async (url: string): Promise<Result<Blob>> => {
    if (refusal) return refusal;
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      if (response.status === 401) return tokenRefused;
      if (!response.ok) {
        return {
          ok: false,
          error: {
            code: 'NOT_FOUND',
            message: `The export is no longer in the exports folder (HTTP ${response.status}). Export again.`,
          },
        };
      }
      return { ok: true, data: await response.blob() };
    } catch {
      return bridgeDown('Cannot reach Session Desk on this machine to download the export.');
    }
  };

  return { invoke, listen, fetchExport };
}

const transport: Transport = window.sessionDesk
  ? {
      invoke: (method, input) => window.sessionDesk!.invoke(method, input),
      listen: (event, listener) => window.sessionDesk!.on(event, listener),
      fetchExport: async () => ({
        ok: false,
        error: { code: 'INTERNAL', message: 'The desktop app saves exports where you chose.' },
      }),
    }
  : socketTransport();
const { invoke } = transport;

/**
 * Where this server answers the Automation API (browser mode, same origin as the page);
 * null in the desktop app, which serves no API.
 */
export const automationApiUrl: string | null = window.sessionDesk
  ? null
  : new URL(graphqlPath, location.href).href;

/** Downloads a finished browser-mode export under its own name. */
export async function downloadExport(url: string, fileName: string): Promise<Result<null>> {
  const fetched = await transport.fetchExport(url);
  if (!fetched.ok) return fetched;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(fetched.data);
  link.download = fileName;
  link.click();
  // The click has handed the blob to the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
  return { ok: true, data: null };
}

export function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  return invoke(method, input) as Promise<Result<MethodOutput<M>>>;
}

/** Hears one of main's events until the returned function is called. */
export function listen<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): () => void {
  return transport.listen(event, listener as (payload: unknown) => void);
}
