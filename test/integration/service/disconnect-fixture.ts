import type { DisconnectRunReport } from '@contract';
import { afterEach } from 'vitest';
import type { DisconnectRequest } from '../../../src-main/demo/simulated-nas/disconnect-request';
import { closedPort } from '../../integration/disconnect/disconnect-fixture';
import { writeAccountingStop } from '../../support/accounting-stop';
import { startCoaPeer, type CoaPeer, type PeerBehaviour } from '../../support/coa-peer/coa-peer';
import { peerSecret } from '../../support/coa-peer/disconnect-fixture';
import type { TestDatabase } from '../../support/database';
import { online, type SessionSeed } from '../../support/seed';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import type { ServiceHarness } from '../../support/service-harness';

/**
 * Short waits keep the suite fast; the defaults are for a NAS across a WAN. The grace still
 * covers a thousand Accounting-Stops written at once by the simulated BNGs.
 */
export const quickDisconnects = {
  timing: { apiTimeoutMs: 2_000, coaTries: 2, coaFirstWaitMs: 100 },
  watch: { graceMs: 1_500, pollMs: 25 },
};

/**
 * When the simulated BNG ends the session (its Accounting-Stop reaches radacct): when it
 * acknowledges, as one that answers; on any verified request, as one whose reply is lost,
 * late or spoilt on the way; or never.
 */
export type StopsSession = 'on-ack' | 'on-request' | 'never';

/**
 * Simulated NAS for one test: a CoA port on a loopback address that writes the
 * Accounting-Stop as a BNG and FreeRADIUS together would (when `stops` says).
 */
export function useCoaNas(database: () => TestDatabase) {
  const peers: CoaPeer[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });
  return async (address: string, behaviour: PeerBehaviour, stops: StopsSession = 'on-ack') => {
    const stop = (request: DisconnectRequest) =>
      void writeAccountingStop(database().pool(), request.acctSessionId ?? '');
    const peer = await startCoaPeer({
      address,
      secret: peerSecret,
      behaviour,
      onAck: stops === 'on-ack' ? stop : undefined,
      onVerified: stops === 'on-request' ? stop : undefined,
    });
    peers.push(peer);
    return peer;
  };
}

/** Saves CoA-only credentials for the peer (the API port is closed: no API user). */
export async function saveCoaAccess(app: ServiceHarness, peer: CoaPeer): Promise<void> {
  await app.ok(
    'nasAccess.save',
    nasAccessDraft({
      nasIp: peer.address,
      apiUser: null,
      apiPort: await closedPort(),
      coaPort: peer.port,
      coaSecret: peerSecret,
    }),
  );
}

/**
 * Saves the NOC's API login (or another password) and the CoA secret for a NAS whose API and
 * CoA ports are these.
 */
export async function saveApiAndCoaAccess(
  app: ServiceHarness,
  nasIp: string,
  ports: { apiPort: number; coaPort: number },
  apiPassword = nocCredentials.password,
): Promise<void> {
  await app.ok(
    'nasAccess.save',
    nasAccessDraft({
      nasIp,
      apiUser: nocCredentials.user,
      apiPassword,
      ...ports,
      coaSecret: peerSecret,
    }),
  );
}

/** Polls the run's report until it has finished or been cancelled. */
export async function finishedRun(
  app: ServiceHarness,
  runId: number,
): Promise<DisconnectRunReport> {
  for (;;) {
    const report = await app.ok('disconnect.report', { runId });
    if (report.finishedAt !== null) return report;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The distinct sessions a CoA peer was asked to disconnect. */
export const sessionsAsked = (peer: CoaPeer): Set<string | undefined> =>
  new Set(peer.received.map((request) => request.acctSessionId));

/** `count` online sessions on one NAS: `${prefix}N@fiber`, session id `${prefix}-N`. */
export const sessionsOn = (nas: string, count: number, prefix: string): SessionSeed[] =>
  Array.from({ length: count }, (_, index) =>
    online({
      username: `${prefix}${index}@fiber`,
      nas,
      ip: `100.64.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      sessionId: `${prefix}-${index}`,
    }),
  );

/** How many of these sessions radacct shows open. */
export async function openCount(database: TestDatabase, radacctIds: string[]): Promise<number> {
  const { rows } = await database
    .pool()
    .query(
      'SELECT count(*)::int AS n FROM radacct WHERE radacctid = ANY($1::bigint[]) AND acctstoptime IS NULL',
      [radacctIds],
    );
  return rows[0].n as number;
}
