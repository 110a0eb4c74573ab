import type { NasReconciliation, ReconcileRow } from '@contract';
import type { LocalStore } from '../../local-store';
import { defaultTiming } from '../../nas/disconnect';
import { comparePppActive } from '../../nas/reconcile/compare-ppp-active';
import { openRouterOsSession, type PppActive } from '../../nas/routeros';
import type { OperatorScope } from '../../operator-scope';
import type { RadiusDb } from '../../radius-db';
import { nasAccessFor } from '../nas-access-for';

/** Open sessions of one NAS a reconciliation compares, at most. */
const maxRowsPerNas = 10_000;

/**
 * One NAS, router and radacct. radacct is read before and after the router, so a session
 * that started or ended meanwhile is neither a ghost (it must be open in both reads) nor
 * unaccounted (it may match either read).
 */
export async function reconcileNas(
  deps: {
    store: LocalStore;
    db: RadiusDb;
    profileId: number;
    scope: OperatorScope;
    timeoutMs?: number;
  },
  nas: { nasIp: string; nasName: string | null },
  signal: AbortSignal,
): Promise<NasReconciliation> {
  const empty: NasReconciliation = {
    ...nas,
    error: null,
    routerSessions: 0,
    openInRadacct: 0,
    ghosts: [],
    unaccounted: [],
    mismatched: [],
  };
  try {
    const before = await openRows(deps, nas.nasIp);
    const access = await nasAccessFor(deps.store, deps.db, deps.profileId, nas.nasIp);
    if (!access.apiUser) {
      return {
        ...empty,
        openInRadacct: before.length,
        error: 'No RouterOS API login for this NAS: add one in Settings → NAS.',
      };
    }
    const session = await openRouterOsSession({
      host: nas.nasIp,
      port: access.apiPort,
      user: access.apiUser,
      password: access.apiPassword ?? '',
      tls: access.apiTls,
      tlsFingerprint: access.apiTlsFingerprint,
      timeoutMs: deps.timeoutMs ?? defaultTiming.apiTimeoutMs,
      signal,
    });
    let router: PppActive[];
    try {
      router = await session.listActive();
    } finally {
      await session.close();
    }
    const after = await openRows(deps, nas.nasIp);
    const stillOpen = new Set(after.map((row) => row.radacctId));
    const union = [
      ...before,
      ...after.filter((row) => !before.some((b) => b.radacctId === row.radacctId)),
    ];
    const compared = comparePppActive(router, union);
    return {
      ...empty,
      routerSessions: router.length,
      openInRadacct: after.length,
      ghosts: compared.ghosts.filter(
        (row) => stillOpen.has(row.radacctId) && before.some((b) => b.radacctId === row.radacctId),
      ),
      unaccounted: compared.unaccounted,
      mismatched: compared.mismatched,
    };
  } catch (failure) {
    return { ...empty, error: failure instanceof Error ? failure.message : String(failure) };
  }
}

async function openRows(
  deps: { db: RadiusDb; scope: OperatorScope },
  nasIp: string,
): Promise<ReconcileRow[]> {
  const sessions = await deps.db.sessionsToDisconnect(
    { kind: 'filter', filter: { search: '', status: 'online', nasIp } },
    deps.scope,
    maxRowsPerNas,
  );
  return sessions.map((session) => ({
    radacctId: session.radacctId,
    username: session.username,
    acctSessionId: session.acctSessionId,
    framedIp: session.framedIp,
    mac: session.mac,
  }));
}
