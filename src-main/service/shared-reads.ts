import type { Handlers, MethodName } from '@contract';

/**
 * The reads one refresh makes. Several viewers of one view (a wall screen and two laptops in
 * browser mode) ask the same question at the same tick: they share one query.
 */
const sharedMethods: ReadonlySet<MethodName> = new Set([
  'sessions.list',
  'sessions.stats',
  'health.overview',
  'nas.list',
]);

/**
 * Whether each method can change what the shared reads return: a call that may write forgets
 * the reads in flight. A method added to the contract without a line here does not compile;
 * when in doubt say 'may write' (it costs one fresh read, never a wrong answer).
 */
const effectOf: Record<MethodName, 'reads' | 'may write'> = {
  'profiles.list': 'reads',
  'profiles.save': 'may write',
  'profiles.delete': 'may write',
  'profiles.test': 'reads',
  'profiles.connect': 'may write',
  'connection.status': 'reads',
  'filters.list': 'reads',
  'filters.save': 'may write',
  'filters.delete': 'may write',
  'settings.get': 'reads',
  'settings.set': 'may write',
  'tableLayout.get': 'reads',
  'tableLayout.set': 'may write',
  'apiTokens.list': 'reads',
  'apiTokens.create': 'may write',
  'apiTokens.revoke': 'may write',
  'sessions.list': 'reads',
  'sessions.stats': 'reads',
  'health.overview': 'reads',
  'health.history': 'reads',
  'health.nas': 'reads',
  'health.acknowledge': 'may write',
  'health.setThresholds': 'may write',
  'nas.list': 'reads',
  'database.recommendedIndexes': 'reads',
  'database.health': 'reads',
  'export.count': 'reads',
  'export.start': 'may write',
  'export.cancel': 'may write',
  'export.status': 'reads',
  'subscribers.detail': 'reads',
  'subscribers.suggest': 'reads',
  'subscribers.whoHad': 'reads',
  'subscribers.ping': 'reads',
  'subscribers.traceroute': 'reads',
  'audit.list': 'reads',
  'audit.runs': 'reads',
  'nasAccess.list': 'reads',
  'nasAccess.save': 'may write',
  'nasAccess.delete': 'may write',
  'nasAccess.test': 'may write',
  'nas.disconnect': 'may write',
  'disconnect.preview': 'reads',
  'disconnect.start': 'may write',
  'disconnect.cancel': 'may write',
  'disconnect.report': 'reads',
  'disconnect.retryFailed': 'may write',
  'cleanup.status': 'reads',
  'cleanup.saveSettings': 'may write',
  'cleanup.preview': 'reads',
  'cleanup.sweepNow': 'may write',
  'cleanup.confirmNas': 'may write',
  'cleanup.closeGhost': 'may write',
  'reconcile.start': 'may write',
  'reconcile.report': 'reads',
  'reconcile.cancel': 'may write',
  'reconcile.closeGhosts': 'may write',
};

/**
 * The handlers with identical refresh reads shared: a read asked while the same one is in
 * flight gets that read's answer. Viewers' refresh ticks are aligned to the database clock
 * (a wall screen and two laptops in browser mode), so they meet in flight. Nothing is handed
 * on once it came: "Refresh now", and the read after a NAS's Accounting-Stop, must see
 * radacct as it is now. `viewOf` says whose question it is (profile and operator scope), so
 * nobody gets another scope's answer. A call that may write (a disconnect, a profile change,
 * anything not known to be a read) forgets the reads in flight, so the next one reads afresh.
 */
export function withSharedReads(handlers: Handlers, viewOf: () => string): Handlers {
  const inFlight = new Map<string, Promise<unknown>>();
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [
    MethodName,
    (input: never) => Promise<unknown>,
  ][]) {
    if (sharedMethods.has(method)) {
      wrapped[method] = (input) => {
        const key = JSON.stringify([method, viewOf(), input]);
        const known = inFlight.get(key);
        if (known) return known;
        const answer = handler(input);
        inFlight.set(key, answer);
        const forget = (): void => {
          if (inFlight.get(key) === answer) inFlight.delete(key);
        };
        answer.then(forget, forget);
        return answer;
      };
    } else if (effectOf[method] === 'reads') {
      wrapped[method] = handler;
    } else {
      wrapped[method] = (input) => {
        inFlight.clear();
        return handler(input);
      };
    }
  }
  return wrapped as Handlers;
}
