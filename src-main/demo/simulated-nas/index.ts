import { bngDisconnect } from './bng-disconnect';
import { bngPppTable } from './bng-ppp-table';
import type { BngSessionSource, SimulatedNasSession } from './bng-source';
import { startCoaReceiver } from './coa-receiver';
import { startRouterOsApiServer } from './routeros-api-server';

export type { SimulatedNasSession } from './bng-source';

export interface SimulatedNas {
  nasIp: string;
  apiPort: number;
  coaPort: number;
  close(): Promise<void>;
}

/**
 * One simulated MikroTik BNG on a loopback address: a RouterOS API (`/login`,
 * `/ppp/active/print`, `/ppp/active/remove`) and an RFC 5176 Disconnect receiver, both over
 * the demo's radacct. Ports are picked free on `nasIp`. A wrong CoA secret, or a request
 * without a valid Message-Authenticator, is dropped silently, as a hardened RouterOS does;
 * every reply carries a Message-Authenticator.
 */
export async function startSimulatedNas(options: {
  /** A 127.0.10.x loopback address. */
  nasIp: string;
  apiCredentials: { user: string; password: string };
  coaSecret: string;
  /** The user's open sessions on this NAS (null: everyone's), as /ppp/active shows them. */
  activeSessions(username: string | null): Promise<SimulatedNasSession[]>;
  /**
   * Ends one session as a BNG does: its Accounting-Stop (Admin-Reset) reaches radacct.
   * False when no such open session.
   */
  endSession(acctSessionId: string): Promise<boolean>;
}): Promise<SimulatedNas> {
  if (!options.nasIp.startsWith('127.')) {
    throw new Error(`A simulated NAS lives on loopback only, not at ${options.nasIp}.`);
  }
  const source: BngSessionSource = {
    activeSessions: (username) => options.activeSessions(username),
    endSession: (acctSessionId) => options.endSession(acctSessionId),
  };
  const api = await startRouterOsApiServer({
    host: options.nasIp,
    credentials: options.apiCredentials,
    table: bngPppTable(source),
  });
  const coa = await startCoaReceiver({
    address: options.nasIp,
    secret: options.coaSecret,
    requireMessageAuthenticator: true,
    signReplies: true,
    answer: bngDisconnect(source),
  }).catch(async (failure: unknown) => {
    await api.close();
    throw failure;
  });
  return {
    nasIp: options.nasIp,
    apiPort: api.port,
    coaPort: coa.port,
    close: async () => {
      await Promise.all([api.close(), coa.close()]);
    },
  };
}
