import { createServer, type AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { DisconnectTarget, NasAccess } from '../../../src-main/nas/disconnect';
import { startCoaPeer, type CoaPeer, type PeerBehaviour } from '../../support/coa-peer/coa-peer';
import { peerSecret } from '../../support/coa-peer/disconnect-fixture';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import {
  startRouterOsPeer,
  type RouterOsPeer,
  type RouterOsPeerOptions,
} from '../../support/routeros-peer/routeros-peer';

/** The simulated NAS: its API and its CoA port share this loopback address, as on a router. */
export const nasIp = '127.0.10.1';

/** Short waits keep the suite fast; tries stay at the real default of three. */
export const fastTiming = { apiTimeoutMs: 2_000, coaTries: 3, coaFirstWaitMs: 50 };

/** Alice's session on her home router; her phone's session on the same NAS is another. */
export const alice: DisconnectTarget = {
  radacctId: '1',
  username: 'alice@fiber',
  nasIp,
  nasName: null,
  framedIp: '100.64.3.17',
  mac: 'AA:BB:CC:00:00:17',
  acctSessionId: '81a00012',
};

/** As RouterOS lists them: session-id is the Acct-Session-Id it sent, as 0x + upper-case hex. */
export const alicesSessionsOnNas = [
  {
    id: '*10',
    name: 'alice@fiber',
    address: '100.64.3.99',
    callerId: 'AA:BB:CC:00:00:99',
    sessionId: '0x81A00099',
  },
  {
    id: '*11',
    name: 'alice@fiber',
    address: '100.64.3.17',
    callerId: 'AA:BB:CC:00:00:17',
    sessionId: '0x81A00012',
  },
  {
    id: '*12',
    name: 'bob@fiber',
    address: '100.64.3.18',
    callerId: 'AA:BB:CC:00:00:18',
    sessionId: '0x81A00018',
  },
];

/** Starts the NAS's peers for one test and stops them after it. */
export function useNas() {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return {
    async routerOs(options: Partial<RouterOsPeerOptions> = {}): Promise<RouterOsPeer> {
      const peer = await startRouterOsPeer({
        credentials: nocCredentials,
        host: nasIp,
        sessions: alicesSessionsOnNas.map((session) => ({ ...session })),
        ...options,
      });
      closers.push(() => peer.close());
      return peer;
    },
    async coa(behaviour: PeerBehaviour): Promise<CoaPeer> {
      const peer = await startCoaPeer({ address: nasIp, secret: peerSecret, behaviour });
      closers.push(() => peer.close());
      return peer;
    },
    /** Cleans up something the test started itself. */
    track(close: () => Promise<void>): void {
      closers.push(close);
    },
  };
}

/** Credentials for both peers; override what a test leaves out or spoils. */
export function accessTo(
  peers: { api?: { port: number }; coa?: { port: number } },
  overrides: Partial<NasAccess> = {},
): NasAccess {
  return {
    apiUser: peers.api ? nocCredentials.user : null,
    apiPassword: peers.api ? nocCredentials.password : null,
    apiPort: peers.api?.port ?? 8728,
    apiTls: false,
    coaPort: peers.coa?.port ?? 3799,
    coaSecret: peers.coa ? peerSecret : null,
    requireMessageAuthenticator: false,
    ...overrides,
  };
}

/** A port on the NAS address with nothing listening: connections are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, nasIp, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
