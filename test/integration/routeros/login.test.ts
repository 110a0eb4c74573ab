import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openRouterOsSession } from '../../../src-main/nas/routeros';
import { loginTo, usePeers } from '../../support/routeros-peer/peer-fixture';

describe('RouterOS API login', () => {
  const peers = usePeers();

  it('logs in with the right user and password', async () => {
    const peer = await peers.start();
    const session = await peers.open(peer);
    await expect(session.findActive('nobody')).resolves.toEqual([]);
  });

  it('says in words that the NAS refused the login', async () => {
    const peer = await peers.start();
    const login = loginTo(peer, { password: 'wrong' });
    await expect(openRouterOsSession(login)).rejects.toMatchObject({
      code: 'NAS_REJECTED',
      message: expect.stringContaining(
        `RouterOS API at 127.0.0.1:${peer.port} refused the login for user "noc": ` +
          'invalid user name or password',
      ),
    });
  });

  it('reports a closed API port as unreachable', async () => {
    const port = await closedLoopbackPort();
    const login = { host: '127.0.0.1', port, user: 'noc', password: 'x', tls: false };
    await expect(openRouterOsSession({ ...login, timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message: expect.stringContaining('refused the connection'),
    });
  });

  it('gives up on a NAS that accepts the connection but never answers the login', async () => {
    const peer = await peers.start({ switches: { silent: true } });
    await expect(openRouterOsSession(loginTo(peer, { timeoutMs: 300 }))).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message: expect.stringContaining('did not complete the API login within 0.3 s'),
    });
  });

  it('rejects the login when the NAS drops the connection during it', async () => {
    const peer = await peers.start({ switches: { silent: true } });
    const opening = openRouterOsSession(loginTo(peer, { timeoutMs: 20_000 }));
    await peer.received('/login');
    peer.dropConnections();
    await expect(opening).rejects.toMatchObject({ code: 'NAS_UNREACHABLE' });
  });
});

/** A loopback port nothing listens on: bind one, note it, release it. */
async function closedLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
