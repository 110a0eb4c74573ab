import { afterEach } from 'vitest';
import {
  openRouterOsSession,
  type RouterOsLogin,
  type RouterOsSession,
} from '../../../src-main/nas/routeros';
import { startRouterOsPeer, type RouterOsPeer, type RouterOsPeerOptions } from './routeros-peer';

export const nocCredentials = { user: 'noc', password: 'noc-secret' };

/**
 * Starts a peer and opens sessions to it for one test; both are closed after the test.
 * Register with `usePeers()` at the top of a test file.
 */
export function usePeers() {
  const peers: RouterOsPeer[] = [];
  const sessions: RouterOsSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });
  return {
    async start(options: Partial<RouterOsPeerOptions> = {}): Promise<RouterOsPeer> {
      const peer = await startRouterOsPeer({ credentials: nocCredentials, ...options });
      peers.push(peer);
      return peer;
    },
    async open(peer: RouterOsPeer, login: Partial<RouterOsLogin> = {}): Promise<RouterOsSession> {
      const session = await openRouterOsSession(loginTo(peer, login));
      sessions.push(session);
      return session;
    },
  };
}

export function loginTo(peer: RouterOsPeer, login: Partial<RouterOsLogin> = {}): RouterOsLogin {
  return {
    host: peer.host,
    port: peer.port,
    ...nocCredentials,
    tls: false,
    timeoutMs: 5_000,
    ...login,
  };
}
