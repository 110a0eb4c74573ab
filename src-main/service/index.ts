import type { Result } from '@contract';
import { allPermissions, type Permission } from '../permissions';
import type { LocalStore } from '../local-store';
import { everything, type OperatorScope } from '../operator-scope';
import { openRadiusDb } from '../radius-db';
import { ActiveDatabase, type OpenDatabase } from './active-database';
import { createDispatch, type DispatchLog } from './dispatch';
import type { DisconnectSettings } from './disconnect-deps';
import { DisconnectRuns } from './disconnect-runs';
import { EventHub, type EventListener } from './event-hub';
import type { ChooseExportPath } from './export-destination';
import { ExportJobs } from './export-jobs';
import { createHandlers } from './handlers';
import { NasHealthReads, type NasHealthSettings } from './nas-health-reads';
import { PendingWork } from './pending-work';
import type { SubscriberSettings } from './subscriber-handlers';

export interface ServiceOptions {
  store: LocalStore;
  openDatabase?: OpenDatabase;
  scope?: () => OperatorScope;
  /** What the operator may do; every permission until the operator model lands. */
  permissions?: () => ReadonlySet<Permission>;
  disconnect?: DisconnectSettings;
  log?: DispatchLog;
  /** Ping of framed IPs: the demo points it at loopback. */
  subscribers?: SubscriberSettings;
  /** Where exports go: the desktop's save dialog, or browser mode's exports folder. */
  chooseExportPath?: ChooseExportPath;
  health?: NasHealthSettings;
}

/**
 * The contract implemented by the core. Transports (Electron IPC, the loopback socket)
 * bind `call`; they know nothing else about the domains.
 */
export interface SessionDeskService {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Hears every event main pushes (bulk run progress); returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
  /** Reopen the profile used last time; never throws. */
  resume(): Promise<void>;
  /**
   * Stops bulk runs from sending, waits for the requests already sent (and their audit
   * entries), then closes the database. Close the local store only after this.
   */
  close(): Promise<void>;
}

const consoleLog: DispatchLog = {
  error: (message, error) => console.error(`[session-desk] ${message}:`, error),
};

export function createService(options: ServiceOptions): SessionDeskService {
  const openDatabase = options.openDatabase ?? openRadiusDb;
  const active = new ActiveDatabase(options.store, openDatabase);
  const scope = options.scope ?? (() => everything);
  const events = new EventHub();
  const disconnect = {
    store: options.store,
    active,
    scope,
    permissions: options.permissions ?? (() => allPermissions),
    events,
    settings: options.disconnect ?? {},
    work: new PendingWork(),
  };
  const runs = new DisconnectRuns(disconnect);
  const exports = new ExportJobs({
    active,
    scope,
    events,
    work: disconnect.work,
    chooseExportPath: options.chooseExportPath ?? null,
  });
  const handlers = createHandlers({
    store: options.store,
    active,
    openDatabase,
    scope,
    disconnect,
    runs,
    subscribers: options.subscribers,
    exports,
    health: new NasHealthReads({
      store: options.store,
      active,
      scope,
      settings: options.health,
    }),
  });
  return {
    call: createDispatch(handlers, options.log ?? consoleLog),
    subscribe: (listener) => events.subscribe(listener),
    resume: () => active.resumeLast(),
    close: async () => {
      runs.cancelAll();
      exports.cancelAll();
      await disconnect.work.drain();
      await active.release();
    },
  };
}
