import type { DisconnectVia } from '@contract';
import type { DisconnectTarget, NasAccess } from './disconnect-input';
import type { DisconnectAttempt, DisconnectReport } from './disconnect-report';
import { defaultTiming, type DisconnectTiming } from './disconnect-timing';
import { createRouterOsPool, type RouterOsPool } from './routeros-pool';
import { tryCoa } from './try-coa';
import { tryRouterOsApi, type PathContext } from './try-routeros-api';

export interface DisconnectDeps extends PathContext {
  /** A run's shared API connections; without one, a connection is opened for this call. */
  routerOsPool?: RouterOsPool;
  /** 'auto' is the spec's order; one path alone is the retry after "still open". */
  via?: DisconnectVia;
}

/**
 * Disconnects one session: the RouterOS API first (it bypasses RADIUS entirely), then a CoA
 * Disconnect-Request when the API is not set up or fails for any reason. Never throws; the
 * report lists what each path did, and which one the NAS acknowledged. Whether the session
 * ended is radacct's to say (the service watches it). The operator waits at most
 * `worstCaseDisconnectWaitMs(timing)`: 22 s with the defaults.
 *
 * With `signal`, Cancel means nothing more leaves: no CoA fallback after it, no print or
 * remove, no retransmission. With `health`, a path the run has given up on for this NAS is
 * skipped, and each attempt teaches it.
 */
export async function disconnectSession(
  target: DisconnectTarget,
  access: NasAccess,
  deps: DisconnectDeps = {},
  options: Partial<DisconnectTiming> = {},
): Promise<DisconnectReport> {
  const timing = { ...defaultTiming, ...options };
  const via = deps.via ?? 'auto';
  const attempts: DisconnectAttempt[] = [];
  const learn = (attempt: DisconnectAttempt): DisconnectAttempt => {
    deps.health?.record(target.nasIp, attempt);
    attempts.push(attempt);
    return attempt;
  };
  let closing = Promise.resolve();
  if (via !== 'coa') {
    const pool = deps.routerOsPool ?? createRouterOsPool(timing);
    const api = learn(await tryRouterOsApi(target, access, pool, deps));
    // A connection of our own is closed beside the CoA attempt, so closing a hung NAS's
    // socket does not add to the wait.
    if (!deps.routerOsPool) closing = pool.closeAll();
    if (api.outcome === 'ok' || via === 'routeros-api') {
      await closing;
      return report(attempts);
    }
  }
  learn(await tryCoa(target, access, timing, deps));
  await closing;
  return report(attempts);
}

function report(attempts: DisconnectAttempt[]): DisconnectReport {
  const acknowledged = attempts.find((attempt) => attempt.outcome === 'ok');
  return { acknowledgedBy: acknowledged?.path ?? null, attempts };
}
