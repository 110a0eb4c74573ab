import { samePasswordDestination, type Handlers } from '@contract';
import { OperatorError } from '../operator-error';
import { recommendedIndexes, type RadiusDb } from '../radius-db';
import { defaultTiming } from '../nas/disconnect';
import { testNas } from '../nas/test-nas';
import type { DeskContext } from './desk-context';
import { disconnectOne } from './disconnect-one';
import { primaryOf } from './active-database';
import { closeGhost } from './cleanup/close-ghost';
import type { StaleSweeper } from './cleanup/stale-sweeper';
import type { Reconciliations } from './reconcile/reconciliations';
import { createExportHandlers } from './export-handlers';
import type { ExportJobs } from './export-jobs';
import type { DisconnectRuns } from './disconnect-runs';
import { nasAccessFor } from './nas-access-for';
import type { NasHealthReads } from './nas-health-reads';
import { markRadiusSecret, withRadiusSecrets } from './nas-access-list';
import { subscriberHandlers } from './subscriber-handlers';

/** The domains behind the handlers that keep state of their own: jobs and cached reads. */
export interface DeskDomains {
  runs: DisconnectRuns;
  exports: ExportJobs;
  health: NasHealthReads;
  sweeper: StaleSweeper;
  reconciliations: Reconciliations;
}

/**
 * What "Test connection" counts: the online sessions this profile's operator would see, or
 * null when it may see none here (no sessions.view, or a reseller on a database without the
 * panel tables).
 */
async function onlineFor(db: RadiusDb): Promise<number | null> {
  if (!db.operator.permissions.has('sessions.view')) return null;
  try {
    return await db.countOnline(db.operator.scope);
  } catch (error) {
    if (error instanceof OperatorError && error.reason === 'scope-unavailable') return null;
    throw error;
  }
}

/** Every method of the contract, implemented by the domains; a missing one fails to compile. */
export function createHandlers(
  desk: DeskContext,
  { runs, exports, health, sweeper, reconciliations }: DeskDomains,
): Handlers {
  const { store, active, openDatabase, scope } = desk;
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
      // The stored password goes only to the server, user and TLS mode it was typed for.
      const storedPassword =
        stored && samePasswordDestination(stored, draft) ? stored.password : null;
      const password = draft.password ?? storedPassword;
      const db = await openDatabase(
        { host, port, database, user, sslMode, password, primary: primaryOf(draft) },
        { applicationName: 'Session Desk (test)' },
      );
      try {
        // A primary for writes that is down or read-only is found now, not at the first sweep.
        await db.checkWrites();
        return {
          serverVersion: db.serverVersion,
          role: db.role,
          schema: db.summary,
          operator: db.operator.identity,
          online: await onlineFor(db),
        };
      } finally {
        await db.close();
      }
    },
    'profiles.connect': async ({ id }) => active.switchTo(id),
    'connection.status': async () => active.state(),
    'sessions.list': async (input) => active.run((db) => db.listSessions(input, scope())),
    'sessions.stats': async () => active.run((db) => db.stats(scope())),
    'nas.list': async () => active.run((db) => db.listNas(scope())),
    'database.recommendedIndexes': async () =>
      recommendedIndexes((await active.database()).summary),
    'database.health': async () => active.run((db) => db.databaseHealth()),
    'filters.list': async () => store.filters.list(active.profileId),
    'filters.save': async (input) => store.filters.save(active.profileId, input),
    'filters.delete': async ({ id }) => {
      store.filters.delete(active.profileId, id);
      return null;
    },
    'settings.get': async () => store.settings.get(),
    'settings.set': async (settings) => store.settings.set(settings),
    'tableLayout.get': async () => store.tableLayouts.get(active.profileId),
    'tableLayout.set': async (layout) => store.tableLayouts.set(active.profileId, layout),
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
      return testNas(nasIp, access, { ...defaultTiming, ...desk.disconnect.timing });
    },
    'apiTokens.list': async () => store.apiTokens.list(active.profileId),
    'apiTokens.create': async (draft) =>
      store.apiTokens.create(active.profileId, draft, new Date()),
    'apiTokens.revoke': async ({ id }) => store.apiTokens.revoke(active.profileId, id, new Date()),
    'audit.list': async (page) => store.audit.list(active.profileId, page),
    'audit.runs': async ({ limit }) => store.audit.runs(active.profileId, limit),
    'nas.disconnect': async (input) => desk.work.track(() => disconnectOne(desk, input)),
    'disconnect.preview': async ({ selection }) => runs.preview(selection),
    'disconnect.start': async ({ selection }) => runs.start(selection),
    'disconnect.cancel': async ({ runId }) => runs.cancel(runId),
    'disconnect.report': async ({ runId }) => runs.report(runId),
    'disconnect.retryFailed': async ({ runId }) => runs.retryFailed(runId),
    'health.overview': async () => health.overview(),
    'health.history': async ({ span, nasIp }) => health.history(span, nasIp),
    'health.nas': async ({ nasIp }) => health.nas(nasIp),
    'health.acknowledge': async ({ alertId }) => health.acknowledge(alertId),
    'health.setThresholds': async (thresholds) => health.setThresholds(thresholds),
    'cleanup.status': async () => sweeper.status(),
    'cleanup.saveSettings': async (input) => sweeper.saveSettings(input),
    'cleanup.preview': async () => sweeper.preview(),
    'cleanup.sweepNow': async () => sweeper.sweepNow(),
    'cleanup.confirmNas': async ({ nasIp }) => sweeper.confirmNas(nasIp),
    'cleanup.closeGhost': async ({ id, reason }) => closeGhost(desk, id, reason),
    'reconcile.start': async ({ nasIp }) => reconciliations.start(nasIp),
    'reconcile.report': async ({ id }) => reconciliations.report(id),
    'reconcile.cancel': async ({ id }) => reconciliations.cancel(id),
    'reconcile.closeGhosts': async ({ id }) => reconciliations.closeGhosts(id),
    ...subscriberHandlers(desk),
    ...createExportHandlers(exports),
  };
}
