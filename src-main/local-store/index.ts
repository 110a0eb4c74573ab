import Database from 'better-sqlite3';
import { OperatorError } from '../operator-error';
import type { Sealer } from '../secrets/sealer';
import { createApiTokenStore } from './api-token-store';
import { createAuditLog } from './audit-log';
import { createCleanupStore } from './cleanup-store';
import { createDeskStateStore } from './desk-state-store';
import type { LocalStore } from './local-store';
import { applyMigrations } from './migrate';
import { migrations } from './migrations';
import { createNasAccessStore } from './nas-access-store';
import { ensureOwnerOnlyStoreFile } from './owner-only-file';
import { createNasHealthStore } from './nas-health-store';
import { createProfileStore } from './profile-store';
import { createSavedFilterStore } from './saved-filter-store';
import { createTableLayoutStore } from './table-layout-store';

export type {
  ApiTokenStore,
  AuditLog,
  CleanupStore,
  LocalStore,
  NasAccessStore,
  NasHealthStore,
  ProfileStore,
  SavedFilterStore,
  StoredApiToken,
  StoredNasAccess,
  StoredProfile,
} from './local-store';

export interface LocalStoreOptions {
  /**
   * better-sqlite3's addon built for Electron's ABI. The Electron launcher builds it apart
   * from node_modules, so tests keep running on the Node build; unset means the Node build.
   */
  nativeBinding?: string | undefined;
}

/**
 * Opens (creating if needed) the desk's SQLite file and brings its schema up to date.
 * ':memory:' gives a throwaway store for tests. Passwords are sealed with the given sealer.
 */
export function openLocalStore(
  file: string,
  sealer: Sealer,
  options: LocalStoreOptions = {},
): LocalStore {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') ensureOwnerOnlyStoreFile(file);
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    // WAL: readers never wait for a writer. busy_timeout: a second instance briefly holding
    // the write lock makes us wait rather than fail.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations);
  } catch (error) {
    db?.close();
    if (error instanceof OperatorError) throw error;
    throw new OperatorError(
      'INTERNAL',
      `The local store ${file} cannot be opened: ${error instanceof Error ? error.message : String(error)}. ` +
        `Check that its folder exists and is writable, and that the file is a Session Desk store.`,
    );
  }
  const store = db;
  const audit = createAuditLog(store);
  return {
    profiles: createProfileStore(store, sealer),
    filters: createSavedFilterStore(store),
    nasAccess: createNasAccessStore(store, sealer),
    audit,
    nasHealth: createNasHealthStore(store, audit),
    apiTokens: createApiTokenStore(store),
    tableLayouts: createTableLayoutStore(store),
    cleanup: createCleanupStore(store, audit),
    ...createDeskStateStore(store),
    close: () => store.close(),
  };
}
