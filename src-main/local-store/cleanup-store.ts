import type { Database } from 'better-sqlite3';
import {
  defaultStaleAfterSeconds,
  type AuditEntry,
  type CleanupSettings,
  type CleanupSettingsInput,
} from '@contract';
import type { AuditLog, CleanupStore } from './local-store';

interface SettingsRow {
  stale_after_seconds: number;
  sweeper_enabled: number;
  changed_by: string | null;
  changed_at: string | null;
}

/** The stale threshold, the sweeper switch and confirmed NAS silences (migration 8). */
export function createCleanupStore(db: Database, audit: AuditLog): CleanupStore {
  const readSettings = db.prepare<[number], SettingsRow>(
    `SELECT stale_after_seconds, sweeper_enabled, changed_by, changed_at
     FROM cleanup_settings WHERE profile_id = ?`,
  );
  const writeSettings = db.prepare<{
    profileId: number;
    staleAfterSeconds: number;
    sweeperEnabled: number;
    changedBy: string;
    changedAt: string;
  }>(
    `INSERT INTO cleanup_settings (profile_id, stale_after_seconds, sweeper_enabled,
                                   changed_by, changed_at)
     VALUES (@profileId, @staleAfterSeconds, @sweeperEnabled, @changedBy, @changedAt)
     ON CONFLICT (profile_id) DO UPDATE SET
       stale_after_seconds = excluded.stale_after_seconds,
       sweeper_enabled = excluded.sweeper_enabled,
       changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
  );
  const readConfirmations = db.prepare<[number], { nas_ip: string; confirmed_at: string }>(
    'SELECT nas_ip, confirmed_at FROM silent_nas_confirmation WHERE profile_id = ?',
  );
  const writeConfirmation = db.prepare<{
    profileId: number;
    nasIp: string;
    at: string;
    by: string;
  }>(
    `INSERT INTO silent_nas_confirmation (profile_id, nas_ip, confirmed_at, confirmed_by)
     VALUES (@profileId, @nasIp, @at, @by)
     ON CONFLICT (profile_id, nas_ip) DO UPDATE SET
       confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
  );

  const settings = (profileId: number): CleanupSettings => {
    const row = readSettings.get(profileId);
    return row
      ? {
          staleAfterSeconds: row.stale_after_seconds,
          sweeperEnabled: row.sweeper_enabled === 1,
          changedBy: row.changed_by,
          changedAt: row.changed_at,
        }
      : {
          staleAfterSeconds: defaultStaleAfterSeconds,
          sweeperEnabled: false,
          changedBy: null,
          changedAt: null,
        };
  };

  const save = db.transaction(
    (profileId: number, input: CleanupSettingsInput, entry: Omit<AuditEntry, 'id'>) => {
      writeSettings.run({
        profileId,
        staleAfterSeconds: input.staleAfterSeconds,
        sweeperEnabled: input.sweeperEnabled ? 1 : 0,
        changedBy: entry.dbRole ?? entry.osUser,
        changedAt: entry.at,
      });
      audit.record(profileId, entry);
      return settings(profileId);
    },
  );

  const confirm = db.transaction(
    (profileId: number, nasIp: string, entry: Omit<AuditEntry, 'id'>) => {
      writeConfirmation.run({ profileId, nasIp, at: entry.at, by: entry.dbRole ?? entry.osUser });
      audit.record(profileId, entry);
    },
  );

  return {
    settings,
    save: (profileId, input, entry) => save(profileId, input, entry),
    confirmations: (profileId) =>
      new Map(readConfirmations.all(profileId).map((row) => [row.nas_ip, row.confirmed_at])),
    confirmSilentNas: (profileId, nasIp, entry) => confirm(profileId, nasIp, entry),
  };
}
