import { describe, expect, it } from 'vitest';
import { usePeers } from '../../support/routeros-peer/peer-fixture';

const bob = { id: '*1C', name: 'bob@isp.example', address: '100.64.1.7', callerId: '' };

describe('a RouterOS API connection that goes wrong', () => {
  const peers = usePeers();

  it('fails the call in flight, and does not crash, when the socket errors after login', async () => {
    // node-routeros re-emits the socket error on the API object; with no listener there,
    // Node throws it and the test run (the app) dies with an unhandled ECONNRESET.
    const peer = await peers.start({ sessions: [bob] });
    const session = await peers.open(peer, { timeoutMs: 20_000 });
    peer.switches.silent = true;
    const finding = session.findActive('bob@isp.example');
    await peer.received('/ppp/active/print');
    peer.resetConnections();
    await expect(finding).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message: expect.stringContaining('failed (ECONNRESET)'),
    });
    await expect(session.findActive('bob@isp.example')).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
    });
  });

  it('fails the call in flight when the NAS closes the connection', async () => {
    // Unwrapped, this call would wait forever: the library never settles it.
    const peer = await peers.start({ sessions: [bob] });
    const session = await peers.open(peer, { timeoutMs: 20_000 });
    peer.switches.silent = true;
    const removing = session.removeActive('*1C');
    await peer.received('/ppp/active/remove');
    peer.dropConnections();
    await expect(removing).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message: expect.stringContaining('closed the connection'),
    });
  });

  it('fails later calls at once when the NAS dropped the connection right after login', async () => {
    const peer = await peers.start({ sessions: [bob], switches: { dropAfterLogin: true } });
    const session = await peers.open(peer, { timeoutMs: 20_000 });
    await expect(session.findActive('bob@isp.example')).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
    });
  });

  it('fails the call when the NAS answers it with !fatal', async () => {
    const peer = await peers.start({ sessions: [bob], switches: { fatalOn: '/ppp/active/print' } });
    const session = await peers.open(peer, { timeoutMs: 20_000 });
    await expect(session.findActive('bob@isp.example')).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
    });
  });

  it('times out a call the NAS never answers', async () => {
    const peer = await peers.start({ sessions: [bob] });
    const session = await peers.open(peer, { timeoutMs: 300 });
    peer.switches.silent = true;
    await expect(session.removeActive('*1C')).rejects.toMatchObject({
      code: 'TIMEOUT',
      message:
        `RouterOS API at 127.0.0.1:${peer.port} did not answer /ppp/active/remove within ` +
        '0.3 s; it may or may not have been carried out.',
    });
  });

  it('waits for a slow NAS that answers within the timeout', async () => {
    const peer = await peers.start({ sessions: [bob], switches: { slowMs: 100 } });
    const session = await peers.open(peer, { timeoutMs: 5_000 });
    await expect(session.findActive('bob@isp.example')).resolves.toHaveLength(1);
    await session.removeActive('*1C');
    expect(peer.sessions).toEqual([]);
  });
});
