import type { Database } from 'better-sqlite3';
import { tableLayoutSchema, type TableLayout } from '@contract';
import { warnDamagedRow } from './damaged-row';
import type { LocalStore } from './local-store';
import { profileNotFound } from './profile-store';
import { violates } from './sqlite-errors';

/** The Sessions table's columns and density, per profile (migration 8). */
export function createTableLayoutStore(db: Database): LocalStore['tableLayouts'] {
  const read = db.prepare<[number], { layout: string }>(
    'SELECT layout FROM table_layout WHERE profile_id = ?',
  );
  const write = db.prepare<[number, string]>(
    `INSERT INTO table_layout (profile_id, layout) VALUES (?, ?)
     ON CONFLICT (profile_id) DO UPDATE SET layout = excluded.layout`,
  );

  return {
    get(profileId) {
      const row = read.get(profileId);
      if (!row) return null;
      let stored: unknown;
      try {
        stored = JSON.parse(row.layout);
      } catch {
        stored = undefined;
      }
      const parsed = tableLayoutSchema.safeParse(stored);
      if (parsed.success) return parsed.data;
      // The defaults serve until the operator chooses again.
      warnDamagedRow(`table layout of profile ${profileId}`, 'it is not a valid layout');
      return null;
    },

    set(profileId, layout: TableLayout) {
      try {
        write.run(profileId, JSON.stringify(layout));
      } catch (error) {
        if (violates(error, 'FOREIGNKEY')) throw profileNotFound(profileId);
        throw error;
      }
      return layout;
    },
  };
}
