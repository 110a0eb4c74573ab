import type { Result } from '@contract';
import { createAutomationApi, type AutomationApi } from '../automation-api/automation-api';
import type { LocalStore } from '../local-store';
import { openRadiusDb } from '../radius-db';
import { ActiveDatabase, type OpenDatabase } from './active-database';
import { AccountingStopWatcher, defaultStopWatch } from './accounting-stop-watcher';
import { createDispatch, type DispatchLog } from './dispatch';
import { type DeskContext } from './desk-context';
import { readStopsIn, type DisconnectSettings } from './disconnect-settings';
import { DisconnectRuns } from './disconnect-runs';
import { EventHub, type EventListener } from './event-hub';
import type { ChooseExportPath } from './export-destination';
import { ExportJobs } from './export-jobs';
import { StaleSweeper, type SweeperOptions } from './cleanup/stale-sweeper';
import { createHandlers } from './handlers';
import { Reconciliations } from './reconcile/reconciliations';
import { withPermissionChecks } from './method-permissions';
import { NasHealthReads, type NasHealthSettings } from './nas-health-reads';
import { PendingWork } from './pending-work';
import { withSharedReads } from './shared-reads';
import type { SubscriberSettings } from './subscriber-handlers';

export interface ServiceOptions {
  store: LocalStore;
  openDatabase?: OpenDatabase;
  disconnect?: DisconnectSettings;
  log?: DispatchLog;
  /** Ping of framed IPs: the demo points it at loopback. */
  subscribers?: SubscriberSettings;
  /** Where exports go: the desktop's save dialog, or browser mode's exports folder. */
  chooseExportPath?: ChooseExportPath;
  health?: NasHealthSettings;
  /** The stale-session sweeper's timing (tests sweep faster than every 5 minutes). */
  sweeper?: SweeperOptions;
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

/** The service with the Automation API beside it, as createService builds them. */
export interface DeskService extends SessionDeskService {
  /**
   * The Automation API's operations (bearer tokens, narrowed scopes), for the loopback
   * server's /graphql: never reachable through `call`, so a page cannot claim a token's scope.
   */
  automation: AutomationApi;
  /** The stale-session sweeper: its timer runs by itself; tests tick it. */
  sweeper: StaleSweeper;
}

const consoleLog: DispatchLog = {
  error: (message, error) => console.error(`[session-desk] ${message}:`, error),
};

/** Whose question a read is: the profile and the operator's scope ('' before any connects). */
function viewOf(active: ActiveDatabase, scope: () => unknown): string {
  try {
    return JSON.stringify([active.profileId, scope()]);
  } catch {
    return '';
  }
}

export function createService(options: ServiceOptions): DeskService {
  const openDatabase = options.openDatabase ?? openRadiusDb;
  const log = options.log ?? consoleLog;
  const active = new ActiveDatabase(options.store, openDatabase);
  // Who is connected decides what every read shows: operator-access.ts, read at connect.
  const scope = () => active.connectedOperator.scope;
  const events = new EventHub(log);
  const work = new PendingWork();
  const settings = options.disconnect ?? {};
  const watcher = new AccountingStopWatcher(
    (profileId, radacctIds) => readStopsIn({ active, work }, profileId, radacctIds),
    { ...defaultStopWatch, ...settings.watch },
    log,
  );
  const desk: DeskContext = {
    store: options.store,
    active,
    openDatabase,
    scope,
    events,
    work,
    watcher,
    log,
    disconnect: settings,
    subscribers: options.subscribers ?? {},
    chooseExportPath: options.chooseExportPath ?? null,
  };
  const runs = new DisconnectRuns(desk);
  const exports = new ExportJobs(desk);
  const health = new NasHealthReads({ ...desk, settings: options.health });
  const sweeper = new StaleSweeper(desk, options.sweeper);
  sweeper.start();
  const reconciliations = new Reconciliations(desk, settings.timing?.apiTimeoutMs);
  const handlers = createHandlers(desk, { runs, exports, health, sweeper, reconciliations });
  return {
    call: createDispatch(
      withPermissionChecks(
        withSharedReads(handlers, () => viewOf(active, scope)),
        () => active.operator(),
      ),
      log,
    ),
    automation: createAutomationApi(desk),
    sweeper,
    subscribe: (listener) => events.subscribe(listener),
    resume: () => active.resumeLast(),
    close: async () => {
      runs.cancelAll();
      exports.cancelAll();
      reconciliations.cancelAll();
      await sweeper.stop();
      await work.drain();
      await active.release();
    },
  };
}
