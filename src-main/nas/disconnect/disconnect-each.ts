import { setMaxListeners } from 'node:events';
import type { DisconnectTarget, NasAccess } from './disconnect-input';
import type { DisconnectReport } from './disconnect-report';
import { disconnectSession } from './disconnect-session';
import { defaultTiming, type DisconnectTiming } from './disconnect-timing';
import { PathHealth, type PathVerdict } from './path-health';
import { createRouterOsPool } from './routeros-pool';

export interface DisconnectEachOptions {
  /** Requests in flight at once, over all NAS (radclient -p 32 is the yardstick). */
  concurrency?: number;
  /** Requests in flight at once on one NAS, so a dead NAS holds only its own share. */
  perNasConcurrency?: number;
  timing?: Partial<DisconnectTiming>;
  /**
   * Cancels: from that moment nothing more leaves this workstation (no new session, no
   * fallback, no retransmission); sessions in flight report what they got so far.
   */
  signal?: AbortSignal;
  /** Told once per NAS path the run gives up on (a refused login, a wrong secret). */
  onVerdict?: (verdict: PathVerdict) => void;
}

/**
 * Disconnects many sessions with bounded concurrency, NAS by NAS in turn, sharing one
 * logged-in API connection per NAS and what the run learns about each NAS's paths. Reports
 * each session as it finishes (`onReport` must not throw) and returns the sessions never
 * started (cancelled).
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
  const { signal } = options;
  // Each session in flight waits on the run's signal in up to three places at once (its
  // CoA wait, a login, a command) and lets go when it finishes; the run adds its own few.
  // That many listeners is the design, not the leak Node warns of past 10.
  if (signal) setMaxListeners(concurrency * 3 + 10, signal);
  const routerOsPool = createRouterOsPool({ ...timing, signal });
  const health = new PathHealth(options.onVerdict);
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
  // Cancel closes the run's API connections at once (a login in progress is dropped by the
  // pool's signal), so no command can queue behind it.
  const closeOnCancel = (): void => void routerOsPool.closeAll();
  signal?.addEventListener('abort', closeOnCancel, { once: true });

  try {
    await new Promise<void>((finished) => {
      const pump = (): void => {
        while (!signal?.aborted && inFlight < concurrency) {
          const target = next();
          if (!target) break;
          inFlight += 1;
          inFlightOn.set(target.nasIp, (inFlightOn.get(target.nasIp) ?? 0) + 1);
          const deps = { routerOsPool, signal, health };
          void disconnectSession(target, accessFor(target.nasIp), deps, timing).then((report) => {
            inFlight -= 1;
            inFlightOn.set(target.nasIp, (inFlightOn.get(target.nasIp) ?? 1) - 1);
            onReport(target, report);
            pump();
          });
        }
        const queued = [...queues.values()].some((queue) => queue.length > 0);
        if (inFlight === 0 && (!queued || signal?.aborted)) finished();
      };
      signal?.addEventListener('abort', pump, { once: true });
      pump();
    });
  } finally {
    signal?.removeEventListener('abort', closeOnCancel);
    await routerOsPool.closeAll();
  }
  return { unsent: [...queues.values()].flat() };
}
