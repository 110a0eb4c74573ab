import type { Handlers, MethodName } from '@contract';
import type { OperatorAccess } from '../operator-access';
import { requirePermission, type Permission } from '../permissions';

const view = ['sessions.view'] as const;
const disconnect = ['sessions.view', 'subscribers.disconnect'] as const;
/** Every write to radacct, and the settings that make the sweeper write. */
const cleanup = ['sessions.view', 'sessions.cleanup'] as const;

/**
 * What each method needs the connected operator to hold, checked in main before the
 * handler runs, whatever the page showed or the socket sent. A method added to the
 * contract without a line here does not compile. Profiles, settings and saved filters
 * are the workstation's own and need none.
 */
export const methodPermissions: Record<MethodName, readonly Permission[]> = {
  'profiles.list': [],
  'profiles.save': [],
  'profiles.delete': [],
  'profiles.test': [],
  'profiles.connect': [],
  'connection.status': [],
  'filters.list': [],
  'filters.save': [],
  'filters.delete': [],
  'settings.get': [],
  'settings.set': [],
  'tableLayout.get': [],
  'tableLayout.set': [],
  // A token never sees more than the operator: the API checks the operator on every request.
  'apiTokens.list': [],
  'apiTokens.create': [],
  'apiTokens.revoke': [],
  'sessions.list': view,
  'sessions.stats': view,
  // NAS health reads sessions; acknowledging a drop and its thresholds go with watching them.
  'health.overview': view,
  'health.history': view,
  'health.nas': view,
  'health.acknowledge': view,
  'health.setThresholds': view,
  'nas.list': view,
  'database.recommendedIndexes': view,
  'database.health': view,
  'export.count': view,
  'export.start': view,
  'export.cancel': view,
  'export.status': view,
  'subscribers.detail': view,
  'subscribers.suggest': view,
  'subscribers.whoHad': view,
  'subscribers.ping': view,
  'subscribers.traceroute': view,
  // The audit log names subscribers and their sessions.
  'audit.list': view,
  'audit.runs': view,
  // NAS logins and secrets serve disconnects only.
  'nasAccess.list': disconnect,
  'nasAccess.save': disconnect,
  'nasAccess.delete': disconnect,
  'nasAccess.test': disconnect,
  'nas.disconnect': disconnect,
  'disconnect.preview': disconnect,
  'disconnect.start': disconnect,
  'disconnect.cancel': disconnect,
  'disconnect.report': disconnect,
  'disconnect.retryFailed': disconnect,
  // Who sweeps and how much is worth knowing to anyone who watches sessions.
  'cleanup.status': view,
  'cleanup.saveSettings': cleanup,
  'cleanup.preview': cleanup,
  'cleanup.sweepNow': cleanup,
  'cleanup.confirmNas': cleanup,
  'cleanup.closeGhost': cleanup,
  // Reading a router takes the NAS logins that serve disconnects.
  'reconcile.start': disconnect,
  'reconcile.report': disconnect,
  'reconcile.cancel': disconnect,
  'reconcile.closeGhosts': cleanup,
};

/**
 * The handlers behind the permission check: a method that needs a permission first opens
 * the database (the operator is read at connect) and refuses when one is missing.
 */
export function withPermissionChecks(
  handlers: Handlers,
  operator: () => Promise<OperatorAccess>,
): Handlers {
  const checked: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [
    MethodName,
    (input: never) => Promise<unknown>,
  ][]) {
    const needed = methodPermissions[method];
    checked[method] =
      needed.length === 0
        ? handler
        : async (input) => {
            const access = await operator();
            for (const permission of needed) requirePermission(access, permission);
            return handler(input);
          };
  }
  return checked as Handlers;
}
