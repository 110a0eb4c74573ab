import type { Result } from './errors';

/** What the preload exposes as window.sessionDesk: one generic call, nothing else. */
export interface SessionDeskBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
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

/** Path of the loopback WebSocket endpoint. */
export const socketPath = '/bridge';
