import type { Result } from './errors';

/** What the preload exposes as window.sessionDesk: one generic call, nothing else. */
export interface SessionDeskBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Listens to one of the contract's events; returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Messages of the loopback WebSocket transport (browser mode). The first message on every
 * socket is the hello, carrying the access token: no cookie holds it, so nothing sends it
 * to another server on this machine, and nothing but this page can set or clear it.
 */
export interface SocketHello {
  token: string;
}
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

/** Why the server closed a socket before serving it (RFC 6455 leaves 4000-4999 to us). */
export const socketRefusals = {
  /** The hello was missing, malformed or carried another token. */
  tokenRefused: 4401,
  /** No hello arrived in time. */
  helloTimeout: 4408,
} as const;

/** The query parameter of the address browser mode prints; the page reads it, not the server. */
export const tokenParameter = 'token';
