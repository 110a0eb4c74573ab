import type { LocalStore } from '../local-store';
import type { OperatorScope } from '../operator-scope';
import type { AccountingStopWatcher } from './accounting-stop-watcher';
import type { ActiveDatabase, OpenDatabase } from './active-database';
import type { DisconnectSettings } from './disconnect-settings';
import type { DispatchLog } from './dispatch';
import type { EventHub } from './event-hub';
import type { ChooseExportPath } from './export-destination';
import type { PendingWork } from './pending-work';
import type { SubscriberSettings } from './subscriber-handlers';

/**
 * What the service's parts share on one workstation: the local store, the profile and
 * database the operator is on, who that operator is allowed to see, the pushed events, the
 * work that closing waits for, the radacct watcher, the log and the deployment's settings.
 * Built once in createService; every handler, job and watcher takes this one object.
 */
export interface DeskContext {
  store: LocalStore;
  active: ActiveDatabase;
  openDatabase: OpenDatabase;
  /** Which sessions the connected operator sees (operator-access.ts, read at connect). */
  scope: () => OperatorScope;
  events: EventHub;
  /** Requests sent to a NAS and jobs running: closing waits for them. */
  work: PendingWork;
  /** The one radacct watcher, shared by single and bulk disconnects. */
  watcher: AccountingStopWatcher;
  log: DispatchLog;
  disconnect: DisconnectSettings;
  /** Ping of framed IPs: the demo points it at loopback. */
  subscribers: SubscriberSettings;
  /** Where exports go; null: this shell cannot save files (exports are refused in words). */
  chooseExportPath: ChooseExportPath | null;
}
