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
 * How long browser mode hands an answer to viewers asking the same after it came: none.
 * Their refresh ticks are aligned to the database clock, so they meet while the read is in
 * flight; an answer handed on afterwards made "Refresh now", and the read after a NAS's
 * Accounting-Stop, show radacct as it was (the demo e2e caught both).
 */
export const sharedReadMs = 0;

interface Shared {
  answer: Promise<unknown>;
  /** performance.now() when the answer came; null while in flight. */
  settledAt: number | null;
}

/**
 * The handlers with identical refresh reads shared: a read asked while the same one is in
 * flight, or within `windowMs` after it answered, gets that answer. `viewOf` says whose
 * question it is (profile and operator scope), so nobody gets another scope's answer. A
 * call that may write (a disconnect, a profile change, anything not known to be a read)
 * forgets every shared answer, so the next refresh reads afresh. Failures are never shared
 * after they come: the next viewer asks again.
 */
export function withSharedReads(
  handlers: Handlers,
  viewOf: () => string,
  windowMs: number,
): Handlers {
  const answers = new Map<string, Shared>();
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [
    MethodName,
    (input: never) => Promise<unknown>,
  ][]) {
    if (sharedMethods.has(method)) {
      wrapped[method] = (input) => {
        const key = JSON.stringify([method, viewOf(), input]);
        const now = performance.now();
        const known = answers.get(key);
        if (known && (known.settledAt === null || now - known.settledAt <= windowMs)) {
          return known.answer;
        }
        const shared: Shared = { answer: handler(input), settledAt: null };
        answers.set(key, shared);
        shared.answer.then(
          () => {
            shared.settledAt = performance.now();
            // Nothing lingers past its window: the map holds only the views being watched.
            setTimeout(() => {
              if (answers.get(key) === shared) answers.delete(key);
            }, windowMs).unref?.();
          },
          () => {
            if (answers.get(key) === shared) answers.delete(key);
          },
        );
        return shared.answer;
      };
    } else if (readOnlyMethods.has(method)) {
      wrapped[method] = handler;
    } else {
      wrapped[method] = (input) => {
        answers.clear();
        return handler(input);
      };
    }
  }
  return wrapped as Handlers;
}
