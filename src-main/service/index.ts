import type { Result } from '@contract';
import type { LocalStore } from '../local-store';
import { everything, type OperatorScope } from '../operator-scope';
import { openRadiusDb } from '../radius-db';
import { ActiveDatabase, type OpenDatabase } from './active-database';
import { createDispatch, type DispatchLog } from './dispatch';
import { createHandlers } from './handlers';

export interface ServiceOptions {
  store: LocalStore;
  openDatabase?: OpenDatabase;
  scope?: () => OperatorScope;
  log?: DispatchLog;
}

/**
 * The contract implemented by the core. Transports (Electron IPC, the loopback socket)
 * bind `call`; they know nothing else about the domains.
 */
export interface SessionDeskService {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Reopen the profile used last time; never throws. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

const consoleLog: DispatchLog = {
  error: (message, error) => console.error(`[session-desk] ${message}:`, error),
};

export function createService(options: ServiceOptions): SessionDeskService {
  const openDatabase = options.openDatabase ?? openRadiusDb;
  const active = new ActiveDatabase(options.store, openDatabase);
  const handlers = createHandlers({
    store: options.store,
    active,
    openDatabase,
    scope: options.scope ?? (() => everything),
  });
  return {
    call: createDispatch(handlers, options.log ?? consoleLog),
    resume: () => active.resumeLast(),
    close: () => active.release(),
  };
}
