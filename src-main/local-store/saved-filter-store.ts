import type { Database } from 'better-sqlite3';
import { savedFilterInputSchema, type SavedFilter } from '@contract';
import { OperatorError } from '../operator-error';
import type { SavedFilterStore } from './local-store';
import { profileNotFound } from './profile-store';
import { violates } from './sqlite-errors';
import { warnDamagedRow } from './damaged-row';

interface SavedFilterRow {
  id: number;
  name: string;
  view: string;
}

export function createSavedFilterStore(db: Database): SavedFilterStore {
  const listRows = db.prepare<[number], SavedFilterRow>(
    'SELECT id, name, view FROM saved_filter WHERE profile_id = ? ORDER BY name, id',
  );
  const upsert = db.prepare<[number, string, string], { id: number }>(
    `INSERT INTO saved_filter (profile_id, name, view) VALUES (?, ?, ?)
     ON CONFLICT (profile_id, name) DO UPDATE SET name = excluded.name, view = excluded.view
     RETURNING id`,
  );
  const remove = db.prepare<[number, number]>(
    'DELETE FROM saved_filter WHERE id = ? AND profile_id = ?',
  );

  return {
    list(profileId) {
      return listRows.all(profileId).flatMap((row) => {
        const filter = readSavedFilter(row);
        return filter ? [filter] : [];
      });
    },

    save(profileId, input) {
      const { name, filter, sort, pageSize } = input;
      try {
        const { id } = upsert.get(profileId, name, JSON.stringify({ filter, sort, pageSize }))!;
        return { id, name, filter, sort, pageSize };
      } catch (error) {
        if (violates(error, 'FOREIGNKEY')) throw profileNotFound(profileId);
        throw error;
      }
    },

    delete(profileId, id) {
      if (remove.run(id, profileId).changes === 0) {
        throw new OperatorError(
          'NOT_FOUND',
          `This profile has no saved filter with id ${id}; it may have been deleted. Reload ` +
            `the saved filters.`,
        );
      }
    },
  };
}

/** A row edited or damaged on disk must not take the app down: it is skipped, with a warning. */
function readSavedFilter(row: SavedFilterRow): SavedFilter | null {
  let view: unknown;
  try {
    view = JSON.parse(row.view);
  } catch {
    warnDamagedRow(`saved filter "${row.name}" (id ${row.id})`, 'its view is not JSON');
    return null;
  }
  const parsed = savedFilterInputSchema.safeParse(
    typeof view === 'object' && view !== null ? { ...view, name: row.name } : view,
  );
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    warnDamagedRow(`saved filter "${row.name}" (id ${row.id})`, issues.join('; '));
    return null;
  }
  return { id: row.id, ...parsed.data };
}
