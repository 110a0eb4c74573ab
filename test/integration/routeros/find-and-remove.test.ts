import { describe, expect, it } from 'vitest';
import { pickSessionToRemove } from '../../../src-main/nas/routeros';
import { usePeers } from '../../support/routeros-peer/peer-fixture';

const alice = [
  {
    id: '*1A',
    name: 'alice@isp.example',
    address: '100.64.1.5',
    callerId: 'AA:BB:CC:00:00:01',
    sessionId: '0x81A00001',
  },
  {
    id: '*1B',
    name: 'alice@isp.example',
    address: '100.64.1.6',
    callerId: 'AA:BB:CC:00:00:02',
    sessionId: '0x81A00002',
  },
  {
    id: '*1C',
    name: 'bob@isp.example',
    address: '100.64.1.7',
    callerId: 'AA:BB:CC:00:00:03',
    sessionId: '0x81A00003',
  },
];

describe('finding and removing a PPP session over the RouterOS API', () => {
  const peers = usePeers();

  it('finds all of a user’s sessions and removes the one in the row', async () => {
    const peer = await peers.start({ sessions: alice.map((entry) => ({ ...entry })) });
    const session = await peers.open(peer);

    const active = await session.findActive('alice@isp.example');
    expect(active).toEqual([
      {
        id: '*1A',
        name: 'alice@isp.example',
        address: '100.64.1.5',
        callerId: 'AA:BB:CC:00:00:01',
        sessionId: '0x81A00001',
      },
      {
        id: '*1B',
        name: 'alice@isp.example',
        address: '100.64.1.6',
        callerId: 'AA:BB:CC:00:00:02',
        sessionId: '0x81A00002',
      },
    ]);
    const chosen = pickSessionToRemove(active, {
      acctSessionId: '81a00002',
      framedIp: null,
      mac: null,
    });
    expect(chosen?.id).toBe('*1B');
    await session.removeActive('*1B');

    expect(peer.sessions.map((entry) => entry.id)).toEqual(['*1A', '*1C']);
    await expect(session.findActive('alice@isp.example')).resolves.toHaveLength(1);
  });

  it('asks only for the fields a disconnect reads (.proplist), and the NAS sends only those', async () => {
    const peer = await peers.start({ sessions: alice.map((entry) => ({ ...entry })) });
    const session = await peers.open(peer);
    await session.findActive('bob@isp.example');
    const print = peer.sentences.find((sentence) => sentence.words[0] === '/ppp/active/print');
    expect(print?.words).toEqual([
      '/ppp/active/print',
      '=.proplist=.id,name,address,caller-id,session-id',
      '?name=bob@isp.example',
      expect.stringMatching(/^\.tag=/),
    ]);
  });

  it('survives RouterOS 7.18+ answering an empty print with !empty, and returns no sessions', async () => {
    // Unpatched node-routeros throws "Tried to process unknown reply: !empty" in its
    // socket handler: an uncaught exception that ends the process.
    const peer = await peers.start({ sessions: [...alice], switches: { emptyReplies: true } });
    const session = await peers.open(peer);
    await expect(session.findActive('carol@isp.example')).resolves.toEqual([]);
    // The connection is still usable afterwards.
    await expect(session.findActive('bob@isp.example')).resolves.toHaveLength(1);
  });

  it('returns no sessions from an older RouterOS that answers only !done', async () => {
    const peer = await peers.start({ sessions: [...alice], switches: { emptyReplies: false } });
    const session = await peers.open(peer);
    await expect(session.findActive('carol@isp.example')).resolves.toEqual([]);
  });

  it('says in words that the NAS refused to remove a session it no longer has', async () => {
    const peer = await peers.start({ sessions: [...alice] });
    const session = await peers.open(peer);
    await expect(session.removeActive('*99')).rejects.toMatchObject({
      code: 'NAS_REJECTED',
      message: `RouterOS API at 127.0.0.1:${peer.port} refused /ppp/active/remove: no such item.`,
    });
  });

  it.each(['ñandú@isp.example', 'сергей@isp.example', '李雷@isp.example'])(
    'finds a non-ASCII username (%s) as the same bytes RADIUS stored',
    async (name) => {
      // RouterOS compares bytes; the peer does too. win1252 on the wire would send other
      // bytes (or "?" for Cyrillic) and find nothing.
      const entry = { id: '*2A', name, address: '100.64.2.1', callerId: 'AA:BB:CC:00:00:09' };
      const peer = await peers.start({ sessions: [entry] });
      const session = await peers.open(peer);
      await expect(session.findActive(name)).resolves.toEqual([{ ...entry, sessionId: null }]);
    },
  );

  it('logs in with a non-ASCII API password', async () => {
    const peer = await peers.start({ credentials: { user: 'noc', password: 'пароль-ñ' } });
    const session = await peers.open(peer, { password: 'пароль-ñ' });
    await expect(session.findActive('nobody')).resolves.toEqual([]);
  });
});
