import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSimulatedNas,
  type SimulatedNas,
  type SimulatedNasSession,
} from '../../../src-main/demo/simulated-nas';
import { sendDisconnect, type DisconnectTarget } from '../../../src-main/nas/coa';
import { encodeDisconnectRequest } from '../../../src-main/nas/coa/disconnect-packet';
import { disconnectSession, type NasAccess } from '../../../src-main/nas/disconnect';
import { openRouterOsSession } from '../../../src-main/nas/routeros';
import { operatorErrorOf } from '../../support/coa-peer/disconnect-fixture';

const nasIp = '127.0.10.21';
const apiCredentials = { user: 'demo', password: 'demo-api' };
const coaSecret = 'demo-coa-secret';

/** Alice has two sessions on the NAS (home router and phone); bob has one. */
const seeded = (): SimulatedNasSession[] => [
  {
    id: '*A1',
    name: 'alice@fiber',
    address: '100.64.21.1',
    callerId: 'AA:BB:CC:21:00:01',
    acctSessionId: '81b00001',
  },
  {
    id: '*A2',
    name: 'alice@fiber',
    address: '100.64.21.2',
    callerId: 'AA:BB:CC:21:00:02',
    acctSessionId: '81b00002',
  },
  {
    id: '*B1',
    name: 'bob@fiber',
    address: '100.64.21.3',
    callerId: 'AA:BB:CC:21:00:03',
    acctSessionId: '81b00003',
  },
];

/** An in-memory radacct: what is open, and the Accounting-Stops the NAS sent. */
function inMemoryRadacct() {
  const open = seeded();
  const stopped: string[] = [];
  return {
    stopped,
    openIds: () => open.map((session) => session.acctSessionId),
    activeSessions: (username: string) =>
      Promise.resolve(open.filter((session) => session.name === username)),
    endSession: (acctSessionId: string) => {
      const index = open.findIndex((session) => session.acctSessionId === acctSessionId);
      if (index < 0) return Promise.resolve(false);
      open.splice(index, 1);
      stopped.push(acctSessionId);
      return Promise.resolve(true);
    },
  };
}

describe('the simulated NAS', () => {
  let nas: SimulatedNas | undefined;
  afterEach(async () => {
    await nas?.close();
    nas = undefined;
  });

  async function start() {
    const radacct = inMemoryRadacct();
    nas = await startSimulatedNas({ nasIp, apiCredentials, coaSecret, ...radacct });
    return { nas, radacct };
  }

  const coaTarget = (
    running: SimulatedNas,
    attributes: Partial<DisconnectTarget['attributes']> = {},
    secret = coaSecret,
  ): DisconnectTarget => ({
    nasAddress: running.nasIp,
    port: running.coaPort,
    secret,
    attributes: {
      userName: 'alice@fiber',
      acctSessionId: '81b00002',
      framedIp: '100.64.21.2',
      nasIp: running.nasIp,
      ...attributes,
    },
    tries: 2,
    firstWaitMs: 50,
  });

  const access = (running: SimulatedNas, overrides: Partial<NasAccess> = {}): NasAccess => ({
    apiUser: apiCredentials.user,
    apiPassword: apiCredentials.password,
    apiPort: running.apiPort,
    apiTls: false,
    coaPort: running.coaPort,
    coaSecret,
    requireMessageAuthenticator: true,
    ...overrides,
  });

  const alicesPhone = {
    radacctId: '2',
    username: 'alice@fiber',
    nasIp,
    nasName: null,
    framedIp: '100.64.21.2',
    mac: 'AA:BB:CC:21:00:02',
    acctSessionId: '81b00002',
  };
  const timing = { apiTimeoutMs: 2_000, coaTries: 2, coaFirstWaitMs: 50 };

  it('listens on its loopback address, on the free ports it reports', async () => {
    const { nas: running } = await start();
    expect(running.nasIp).toBe(nasIp);
    expect(running.apiPort).toBeGreaterThan(0);
    expect(running.coaPort).toBeGreaterThan(0);
  });

  it('lists a user’s sessions over the API and removes the one asked for', async () => {
    const { nas: running, radacct } = await start();
    const api = await openRouterOsSession({
      host: running.nasIp,
      port: running.apiPort,
      ...apiCredentials,
      tls: false,
      timeoutMs: 2_000,
    });
    try {
      // As RouterOS shows it: the Acct-Session-Id radacct holds, as 0x + upper-case hex.
      expect(await api.findActive('alice@fiber')).toEqual([
        {
          id: '*A1',
          name: 'alice@fiber',
          address: '100.64.21.1',
          callerId: 'AA:BB:CC:21:00:01',
          sessionId: '0x81B00001',
        },
        {
          id: '*A2',
          name: 'alice@fiber',
          address: '100.64.21.2',
          callerId: 'AA:BB:CC:21:00:02',
          sessionId: '0x81B00002',
        },
      ]);
      expect(await api.findActive('nobody@fiber')).toEqual([]);
      await api.removeActive('*A2');
      expect(radacct.stopped).toEqual(['81b00002']);
      // A second remove of the same row is refused, as on a router.
      await expect(api.removeActive('*A2')).rejects.toThrow(/no such item/);
    } finally {
      await api.close();
    }
  });

  it('ends the row’s session through disconnectSession over the API', async () => {
    const { nas: running, radacct } = await start();
    // The row's session id names it, whatever address or MAC the row holds.
    const report = await disconnectSession(
      { ...alicesPhone, framedIp: '100.64.21.1', mac: null },
      access(running),
      {},
      timing,
    );
    expect(report.acknowledgedBy).toBe('routeros-api');
    expect(radacct.openIds()).toEqual(['81b00001', '81b00003']);
  });

  it('refuses a wrong API password, and disconnectSession falls back to CoA', async () => {
    const { nas: running, radacct } = await start();
    const login = {
      host: running.nasIp,
      port: running.apiPort,
      user: apiCredentials.user,
      password: 'wrong',
      tls: false,
      timeoutMs: 2_000,
    };
    await expect(openRouterOsSession(login)).rejects.toThrow(/invalid user name or password/);

    const report = await disconnectSession(
      alicesPhone,
      access(running, { apiPassword: 'wrong' }),
      {},
      timing,
    );
    expect(report.acknowledgedBy).toBe('coa');
    expect(radacct.stopped).toEqual(['81b00002']);
  });

  it('acknowledges a Disconnect-Request for an open session and ends it once', async () => {
    const { nas: running, radacct } = await start();
    // Its replies carry a Message-Authenticator, as a NAS hardened against BlastRADIUS does.
    const signedOnly = { ...coaTarget(running), requireMessageAuthenticator: true };
    await expect(sendDisconnect(signedOnly)).resolves.toEqual({ kind: 'ack' });
    expect(radacct.openIds()).toEqual(['81b00001', '81b00003']);
    expect(radacct.stopped).toEqual(['81b00002']);
  });

  it('answers a retransmission with the same ACK, not a NAK for the session it ended', async () => {
    const { nas: running, radacct } = await start();
    const { attributes } = coaTarget(running);
    const request = encodeDisconnectRequest(attributes, coaSecret, new Date());
    const client = createSocket('udp4');
    client.bind(0, '127.0.0.1');
    await once(client, 'listening');
    try {
      const codes: number[] = [];
      for (let transmission = 0; transmission < 2; transmission += 1) {
        client.send(request, running.coaPort, running.nasIp);
        const [reply] = (await once(client, 'message')) as [Buffer];
        codes.push(reply[0] ?? -1);
      }
      expect(codes).toEqual([41, 41]);
      expect(radacct.stopped).toEqual(['81b00002']);
    } finally {
      client.close();
    }
  });

  it('answers an unknown session with NAK Session-Context-Not-Found', async () => {
    const { nas: running, radacct } = await start();
    const unknown = coaTarget(running, { acctSessionId: 'ffffffff' });
    await expect(sendDisconnect(unknown)).resolves.toMatchObject({
      kind: 'nak',
      errorCause: 503,
    });
    // Bob's session id under alice's name is not alice's session.
    const notHers = coaTarget(running, { acctSessionId: '81b00003' });
    await expect(sendDisconnect(notHers)).resolves.toMatchObject({ errorCause: 503 });
    expect(radacct.stopped).toEqual([]);
  });

  it('drops a request without a Message-Authenticator without a word', async () => {
    const { nas: running, radacct } = await start();
    const { attributes } = coaTarget(running);
    const signed = encodeDisconnectRequest(attributes, coaSecret, new Date());
    // The same attributes with the Message-Authenticator cut out, re-signed as before 2024.
    const unsigned = Buffer.concat([signed.subarray(0, 20), signed.subarray(38)]);
    unsigned.writeUInt16BE(unsigned.length, 2);
    unsigned.fill(0, 4, 20);
    createHash('md5').update(unsigned).update(coaSecret).digest().copy(unsigned, 4);
    const client = createSocket('udp4');
    client.bind(0, '127.0.0.1');
    await once(client, 'listening');
    let replies = 0;
    client.on('message', () => (replies += 1));
    try {
      client.send(unsigned, running.coaPort, running.nasIp);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(replies).toBe(0);
      expect(radacct.stopped).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('drops a request signed with the wrong secret without a word', async () => {
    const { nas: running, radacct } = await start();
    const error = await operatorErrorOf(sendDisconnect(coaTarget(running, {}, 'not-the-secret')));
    expect(error.code).toBe('NAS_UNREACHABLE');
    expect(radacct.stopped).toEqual([]);
  });

  it('refuses an address outside loopback', async () => {
    const radacct = inMemoryRadacct();
    await expect(
      startSimulatedNas({ nasIp: '192.0.2.1', apiCredentials, coaSecret, ...radacct }),
    ).rejects.toThrow(/loopback/);
  });
});
