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

/** Methods that change nothing the shared reads return; any other call forgets them. */
const readOnlyMethods: ReadonlySet<MethodName> = new Set([
  'profiles.list',
  'profiles.test',
  'connection.status',
  'filters.list',
  'settings.get',
  'apiTokens.list',
  'health.history',
  'health.nas',
  'database.recommendedIndexes',
  'database.health',
  'export.count',
  'export.status',
  'subscribers.detail',
  'subscribers.whoHad',
  'subscribers.ping',
  'audit.list',
  'audit.runs',
  'nasAccess.list',
  'disconnect.preview',
  'disconnect.report',
] as MethodName[]);

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
    } else if (readOnlyMethods.has(method)) {
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
