import type { DisconnectRunReport } from '@contract';
import { afterEach } from 'vitest';
import { closedPort } from '../../integration/disconnect/disconnect-fixture';
import { writeAccountingStop } from '../../support/accounting-stop';
import { startCoaPeer, type CoaPeer, type PeerBehaviour } from '../../support/coa-peer/coa-peer';
import { peerSecret } from '../../support/coa-peer/disconnect-fixture';
import type { TestDatabase } from '../../support/database';
import { nasAccessDraft } from '../../support/nas-access-draft';
import type { ServiceHarness } from '../../support/service-harness';

/** Short waits keep the suite fast; the defaults are for a NAS across a WAN. */
export const quickDisconnects = {
  timing: { apiTimeoutMs: 2_000, coaTries: 2, coaFirstWaitMs: 30 },
  watch: { graceMs: 400, pollMs: 25 },
};

/**
 * Simulated NAS for one test: a CoA port on a loopback address; one that acknowledges also
 * writes the Accounting-Stop, as a BNG and FreeRADIUS together would.
 */
export function useCoaNas(database: () => TestDatabase) {
  const peers: CoaPeer[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });
  return async (address: string, behaviour: PeerBehaviour, writesStop = true) => {
    const peer = await startCoaPeer({
      address,
      secret: peerSecret,
      behaviour,
      onAck: writesStop
        ? (request) => void writeAccountingStop(database().pool(), request.acctSessionId ?? '')
        : undefined,
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
