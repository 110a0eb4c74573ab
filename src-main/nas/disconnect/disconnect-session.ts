import type { DisconnectVia } from '@contract';
import type { DisconnectTarget, NasAccess } from './disconnect-input';
import type { DisconnectAttempt, DisconnectReport } from './disconnect-report';
import { defaultTiming, type DisconnectTiming } from './disconnect-timing';
import { createRouterOsPool, type RouterOsPool } from './routeros-pool';
import { tryCoa } from './try-coa';
import { tryRouterOsApi } from './try-routeros-api';

export interface DisconnectDeps {
  /** A run's shared API connections; without one, a connection is opened for this call. */
  routerOsPool?: RouterOsPool;
  /** 'auto' is the spec's order; one path alone is the retry after "still open". */
  via?: DisconnectVia;
}

/**
 * Disconnects one session: the RouterOS API first (it bypasses RADIUS entirely), then a CoA
 * Disconnect-Request when the API is not set up or fails for any reason. Never throws; the
 * report says which path worked, or why none did. The operator waits at most
 * `worstCaseDisconnectWaitMs(timing)`: 22 s with the defaults.
 */
export async function disconnectSession(
  target: DisconnectTarget,
  access: NasAccess,
  deps: DisconnectDeps = {},
  options: Partial<DisconnectTiming> = {},
): Promise<DisconnectReport> {
  const timing = { ...defaultTiming, ...options };
  const via = deps.via ?? 'auto';
  if (via === 'coa') {
    const coa = await tryCoa(target, access, timing);
    return coa.outcome === 'ok'
      ? { result: 'done', path: 'coa', attempts: [coa] }
      : { result: 'failed', reason: failureReason(target, [coa]), attempts: [coa] };
  }
  const pool = deps.routerOsPool ?? createRouterOsPool(timing);
  const ownPool = deps.routerOsPool === undefined;

  const api = await tryRouterOsApi(target, access, pool);
  // A connection of our own is closed beside the CoA attempt, so closing a hung NAS's socket
  // does not add to the wait.
  const closing = ownPool ? pool.closeAll() : Promise.resolve();
  if (api.outcome === 'ok' || via === 'routeros-api') {
    await closing;
    return api.outcome === 'ok'
      ? { result: 'done', path: 'routeros-api', attempts: [api] }
      : { result: 'failed', reason: failureReason(target, [api]), attempts: [api] };
  }
  const [coa] = await Promise.all([tryCoa(target, access, timing), closing]);
  const attempts = [api, coa];
  if (coa.outcome === 'ok') {
    return { result: 'done', path: 'coa', attempts };
  }
  return { result: 'failed', reason: failureReason(target, attempts), attempts };
}

function failureReason(target: DisconnectTarget, attempts: DisconnectAttempt[]): string {
  const [only] = attempts;
  if (attempts.length === 1 && only?.outcome === 'skipped') {
    return `Disconnect failed: ${only.detail}: add it in Settings → NAS.`;
  }
  if (attempts.every((attempt) => attempt.outcome === 'skipped')) {
    return (
      `Disconnect failed: no RouterOS API user and no CoA secret for NAS ${target.nasIp}: ` +
      'add them in Settings → NAS.'
    );
  }
  const why = attempts
    .filter((attempt) => attempt.outcome === 'failed')
    .map((attempt) => attempt.detail)
    .join('; ');
  return `Disconnect failed: ${why}`;
}
