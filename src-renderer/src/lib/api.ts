// The only file that knows how the renderer reaches main: IPC through the preload when it
// runs in Electron, a WebSocket on loopback when it runs in a browser. Everything else
// calls `call()` and gets a typed Result.
import {
  socketPath,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  type SessionDeskBridge,
  type SocketRequest,
  type SocketResponse,
} from '@contract';

declare global {
  interface Window {
    sessionDesk?: SessionDeskBridge;
  }
}

type Invoke = (method: string, input: unknown) => Promise<Result<unknown>>;

const bridgeDown = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'BRIDGE_DOWN', message },
});

/** Browser mode: one socket, reopened on the next call after it drops. */
function socketInvoker(): Invoke {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();

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
      ws.onmessage = (event) => {
        const response = JSON.parse(String(event.data)) as SocketResponse;
        pending.get(response.id)?.(response.result);
        pending.delete(response.id);
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

  return async (method, input) => {
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
}

const invoke: Invoke = window.sessionDesk
  ? (method, input) => window.sessionDesk!.invoke(method, input)
  : socketInvoker();

export function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  return invoke(method, input) as Promise<Result<MethodOutput<M>>>;
}
