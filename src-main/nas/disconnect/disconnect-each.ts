import type { DisconnectTarget, NasAccess } from './disconnect-input';
import type { DisconnectReport } from './disconnect-report';
import { disconnectSession } from './disconnect-session';
import { defaultTiming, type DisconnectTiming } from './disconnect-timing';
import { createRouterOsPool } from './routeros-pool';

export interface DisconnectEachOptions {
  /** Requests in flight at once, over all NAS (radclient -p 32 is the yardstick). */
  concurrency?: number;
  /** Requests in flight at once on one NAS, so a dead NAS holds only its own share. */
  perNasConcurrency?: number;
  timing?: Partial<DisconnectTiming>;
  /** Cancels: nothing new is sent; requests already sent finish and are reported. */
  signal?: AbortSignal;
}

/**
 * Disconnects many sessions with bounded concurrency, NAS by NAS in turn, sharing one
 * logged-in API connection per NAS. Reports each session as it finishes and returns the
 * sessions never sent (cancelled). Never throws for one session's failure.
 */
export async function disconnectEach(
  targets: readonly DisconnectTarget[],
  accessFor: (nasIp: string) => NasAccess,
  onReport: (target: DisconnectTarget, report: DisconnectReport) => void,
  options: DisconnectEachOptions = {},
): Promise<{ unsent: DisconnectTarget[] }> {
  const concurrency = options.concurrency ?? 32;
  const perNas = options.perNasConcurrency ?? 8;
  const timing = { ...defaultTiming, ...options.timing };
  const routerOsPool = createRouterOsPool(timing);
  const queues = new Map<string, DisconnectTarget[]>();
  for (const target of targets) {
    const queue = queues.get(target.nasIp) ?? [];
    queue.push(target);
    queues.set(target.nasIp, queue);
  }
  const inFlightOn = new Map<string, number>();
  let inFlight = 0;
  const order = [...queues.keys()];
  let turn = 0;

  /** The next session from a NAS with a free slot, taking NAS in turn. */
  const next = (): DisconnectTarget | undefined => {
    for (let step = 0; step < order.length; step += 1) {
      const nasIp = order[(turn + step) % order.length]!;
      const queue = queues.get(nasIp)!;
      if (queue.length > 0 && (inFlightOn.get(nasIp) ?? 0) < perNas) {
        turn = (turn + step + 1) % order.length;
        return queue.shift();
      }
    }
    return undefined;
  };

  try {
    await new Promise<void>((finished) => {
      const pump = (): void => {
        while (!options.signal?.aborted && inFlight < concurrency) {
          const target = next();
          if (!target) break;
          inFlight += 1;
          inFlightOn.set(target.nasIp, (inFlightOn.get(target.nasIp) ?? 0) + 1);
          void disconnectSession(target, accessFor(target.nasIp), { routerOsPool }, timing).then(
            (report) => {
              inFlight -= 1;
              inFlightOn.set(target.nasIp, (inFlightOn.get(target.nasIp) ?? 1) - 1);
              try {
                onReport(target, report);
              } catch (error) {
                // A failing record (a full disk) must not stall the sessions still queued.
                console.error('[session-desk] recording a disconnect outcome failed:', error);
              }
              pump();
            },
          );
        }
        const queued = [...queues.values()].some((queue) => queue.length > 0);
        if (inFlight === 0 && (!queued || options.signal?.aborted)) finished();
      };
      options.signal?.addEventListener('abort', pump, { once: true });
      pump();
    });
  } finally {
    await routerOsPool.closeAll();
  }
  return { unsent: [...queues.values()].flat() };
}
