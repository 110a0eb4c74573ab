import type { Database } from 'better-sqlite3';
import { defaultDropThresholds, type AuditEntry, type DropThresholds } from '@contract';
import type { AuditLog, NasHealthStore } from './local-store';

interface ThresholdRow {
  drop_percent: number;
  min_sessions: number;
  window_minutes: number;
  mass_end_sessions: number;
}

interface AcknowledgementRow {
  alert_id: string;
  at: string;
  os_user: string;
}

/** Drop thresholds and acknowledged drop alerts, per profile (migration 6). */
export function createNasHealthStore(db: Database, audit: AuditLog): NasHealthStore {
  const readThresholds = db.prepare<[number], ThresholdRow>(
    `SELECT drop_percent, min_sessions, window_minutes, mass_end_sessions
     FROM drop_thresholds WHERE profile_id = ?`,
  );
  const writeThresholds = db.prepare<{ profileId: number } & DropThresholds>(
    `INSERT INTO drop_thresholds (profile_id, drop_percent, min_sessions, window_minutes,
                                  mass_end_sessions)
     VALUES (@profileId, @dropPercent, @minSessions, @windowMinutes, @massEndSessions)
     ON CONFLICT (profile_id) DO UPDATE SET
       drop_percent = excluded.drop_percent, min_sessions = excluded.min_sessions,
       window_minutes = excluded.window_minutes, mass_end_sessions = excluded.mass_end_sessions`,
  );
  const readAcknowledged = db.prepare<[number, string], AcknowledgementRow>(
    `SELECT alert_id, at, os_user FROM drop_acknowledgement
     WHERE profile_id = ? AND alert_id IN (SELECT value FROM json_each(?))`,
  );
  const insertAcknowledgement = db.prepare<
    { profileId: number; alertId: string; at: string; osUser: string },
    AcknowledgementRow
  >(
    `INSERT INTO drop_acknowledgement (profile_id, alert_id, at, os_user)
     VALUES (@profileId, @alertId, @at, @osUser)
     ON CONFLICT DO NOTHING
     RETURNING alert_id, at, os_user`,
  );
  const readOne = db.prepare<[number, string], AcknowledgementRow>(
    'SELECT alert_id, at, os_user FROM drop_acknowledgement WHERE profile_id = ? AND alert_id = ?',
  );

  const acknowledge = db.transaction(
    (profileId: number, alertId: string, entry: Omit<AuditEntry, 'id'>) => {
      const added = insertAcknowledgement.get({
        profileId,
        alertId,
        at: entry.at,
        osUser: entry.osUser,
      });
      // Acknowledged already (another window, a double click): the first one stands, once.
      if (!added) return readOne.get(profileId, alertId)!;
      audit.record(profileId, entry);
      return added;
    },
  );

  return {
    thresholds(profileId) {
      const row = readThresholds.get(profileId);
      if (!row) return { ...defaultDropThresholds };
      return {
        dropPercent: row.drop_percent,
        minSessions: row.min_sessions,
        windowMinutes: row.window_minutes,
        massEndSessions: row.mass_end_sessions,
      };
    },
    setThresholds(profileId, thresholds) {
      writeThresholds.run({ profileId, ...thresholds });
      return thresholds;
    },
    acknowledged(profileId, alertIds) {
      const rows =
        alertIds.length === 0 ? [] : readAcknowledged.all(profileId, JSON.stringify(alertIds));
      return new Map(rows.map((row) => [row.alert_id, { at: row.at, by: row.os_user }]));
    },
    acknowledge(profileId, alertId, entry) {
      const row = acknowledge.immediate(profileId, alertId, entry);
      return { at: row.at, by: row.os_user };
    },
  };
}
