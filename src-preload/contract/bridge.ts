import type { Result } from './errors';

/** What the preload exposes as window.sessionDesk: one generic call, nothing else. */
export interface SessionDeskBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Listens to one of the contract's events; returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Messages of the loopback WebSocket transport (browser mode). */
export interface SocketRequest {
  id: number;
  method: string;
  input: unknown;
}
export interface SocketResponse {
  id: number;
  result: Result<unknown>;
}
/** An event main pushes to every open page, unasked. */
export interface SocketEvent {
  event: string;
  payload: unknown;
}

/** Path of the loopback WebSocket endpoint. */
export const socketPath = '/bridge';
