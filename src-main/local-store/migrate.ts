import type { Database } from 'better-sqlite3';
import { OperatorError } from '../operator-error';
import type { Migration } from './migrations';

/**
 * Brings the store's schema up to date. Each step runs in its own IMMEDIATE transaction
 * together with the PRAGMA user_version bump, so a failed step leaves the store exactly as
 * it was, and a second process opening the same file at once waits instead of re-running it.
 */
export function applyMigrations(db: Database, steps: readonly Migration[]): void {
  const known = steps.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > known) {
    throw new OperatorError(
      'INTERNAL',
      `The local store ${db.name} was written by a newer Session Desk (schema ${found}, this ` +
        `version knows up to ${known}). Update Session Desk to open it.`,
    );
  }
  for (const step of steps) {
    db.transaction(() => {
      if (schemaVersion(db) >= step.version) return;
      db.exec(step.sql);
      step.then?.(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
