import type { Handlers } from '@contract';
import type { LocalStore } from '../local-store';
import type { OperatorScope } from '../operator-scope';
import type { ActiveDatabase, OpenDatabase } from './active-database';
import { OperatorError } from '../operator-error';
import { recommendedIndexes } from '../radius-db';
import { defaultTiming } from '../nas/disconnect';
import { testNas } from '../nas/test-nas';
import type { DisconnectDeps } from './disconnect-deps';
import { disconnectOne } from './disconnect-one';
import { createExportHandlers } from './export-handlers';
import type { ExportJobs } from './export-jobs';
import type { DisconnectRuns } from './disconnect-runs';
import { nasAccessFor } from './nas-access-for';
import type { NasHealthReads } from './nas-health-reads';
import { markRadiusSecret, withRadiusSecrets } from './nas-access-list';
import { subscriberHandlers, type SubscriberSettings } from './subscriber-handlers';

export interface HandlerContext {
  store: LocalStore;
  active: ActiveDatabase;
  openDatabase: OpenDatabase;
  /** Who is asking; the operator model comes later, the seam is here. */
  scope: () => OperatorScope;
  disconnect: DisconnectDeps;
  runs: DisconnectRuns;
  subscribers?: SubscriberSettings;
  exports: ExportJobs;
  health: NasHealthReads;
}

/** Every method of the contract, implemented by the domains; a missing one fails to compile. */
export function createHandlers(context: HandlerContext): Handlers {
  const { store, active, openDatabase, scope, runs } = context;
  return {
    'profiles.list': async () => store.profiles.list(),
    'profiles.save': async (draft) => {
      const saved = store.profiles.save(draft);
      // The open database used the old settings: reopen with the new ones on next use.
      if (active.state().kind !== 'none' && active.profileId === saved.id) await active.release();
      return saved;
    },
    'profiles.delete': async ({ id }) => {
      await active.forget(id);
      store.profiles.delete(id);
      return null;
    },
    'profiles.test': async (draft) => {
      const stored = draft.id === null ? null : store.profiles.get(draft.id);
      if (draft.id !== null && !stored) {
        throw new OperatorError('NOT_FOUND', `Profile ${draft.id} no longer exists.`);
      }
      const { host, port, database, user, sslMode } = draft;
      const password = draft.password ?? stored?.password ?? null;
      const db = await openDatabase(
        { host, port, database, user, sslMode, password },
        { applicationName: 'Session Desk (test)' },
      );
      try {
        return {
          serverVersion: db.serverVersion,
          schema: db.summary,
          online: await db.countOnline(scope()),
        };
      } finally {
        await db.close();
      }
    },
    'profiles.connect': async ({ id }) => active.switchTo(id),
    'connection.status': async () => active.state(),
    'operator.permissions': async () => ({ granted: [...context.disconnect.permissions()] }),
    'sessions.list': async (input) => active.run((db) => db.listSessions(input, scope())),
    'sessions.stats': async () => active.run((db) => db.stats(scope())),
    'nas.list': async () => active.run((db) => db.listNas()),
    'database.recommendedIndexes': async () =>
      recommendedIndexes((await active.database()).summary),
    'filters.list': async () => store.filters.list(active.profileId),
    'filters.save': async (input) => store.filters.save(active.profileId, input),
    'filters.delete': async ({ id }) => {
      store.filters.delete(active.profileId, id);
      return null;
    },
    'settings.get': async () => store.settings.get(),
    'settings.set': async (settings) => store.settings.set(settings),
    'nasAccess.list': async () => {
      const profileId = active.profileId;
      const radiusSecrets = await active.run((db) => db.nasSecrets());
      return withRadiusSecrets(store.nasAccess.list(profileId), radiusSecrets);
    },
    'nasAccess.save': async (draft) => {
      const profileId = active.profileId;
      // Read FreeRADIUS first: if the database is down, the call fails with nothing saved.
      const radiusSecrets = await active.run((db) => db.nasSecrets());
      return markRadiusSecret(store.nasAccess.save(profileId, draft), radiusSecrets);
    },
    'nasAccess.delete': async ({ nasIp }) => {
      store.nasAccess.delete(active.profileId, nasIp);
      return null;
    },
    'nasAccess.test': async ({ nasIp }) => {
      const profileId = active.profileId;
      const access = await active.run((db) => nasAccessFor(store, db, profileId, nasIp));
      return testNas(nasIp, access, { ...defaultTiming, ...context.disconnect.settings.timing });
    },
    'audit.list': async (page) => store.audit.list(active.profileId, page),
    'nas.disconnect': async (input) =>
      context.disconnect.work.track(() => disconnectOne(context.disconnect, input)),
    'disconnect.preview': async ({ selection }) => runs.preview(selection),
    'disconnect.start': async ({ selection }) => runs.start(selection),
    'disconnect.cancel': async ({ runId }) => runs.cancel(runId),
    'disconnect.report': async ({ runId }) => runs.report(runId),
    'disconnect.retryFailed': async ({ runId }) => runs.retryFailed(runId),
    'health.overview': async () => context.health.overview(),
    'health.history': async ({ span, nasIp }) => context.health.history(span, nasIp),
    'health.nas': async ({ nasIp }) => context.health.nas(nasIp),
    'health.acknowledge': async ({ alertId }) => context.health.acknowledge(alertId),
    'health.setThresholds': async (thresholds) => context.health.setThresholds(thresholds),
    ...subscriberHandlers(context),
    ...createExportHandlers(context.exports),
  };
}
