// The only file that knows how the renderer reaches main: IPC through the preload when it
// runs in Electron, a WebSocket on loopback when it runs in a browser. Everything else
// calls `call()` and gets a typed Result.
import {
  socketPath,
  type EventName,
  type Events,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  type SessionDeskBridge,
  type SocketEvent,
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
}

const bridgeDown = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'BRIDGE_DOWN', message },
});

/**
 * Browser mode: one socket, reopened on the next call after it drops. Events arrive on the
 * same socket; listeners outlive a dropped socket and hear the next one.
 */
function socketTransport(): Transport {
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
      ws.onclose = () => {
        if (opening) {
          opening = null;
          reject(new Error('closed before open'));
        }
        socket = null;
        for (const settle of pending.values()) {
          settle(bridgeDown('Lost contact with Session Desk; retrying on the next refresh.'));
        }
        pending.clear();
      };
    });
    return opening;
  };

  const invoke: Invoke = async (method, input) => {
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
    void open().catch(() => undefined);
    return () => forEvent.delete(listener);
  };

  return { invoke, listen };
}

const transport: Transport = window.sessionDesk
  ? {
      invoke: (method, input) => window.sessionDesk!.invoke(method, input),
      listen: (event, listener) => window.sessionDesk!.on(event, listener),
    }
  : socketTransport();
const { invoke } = transport;

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
