import type { Database } from 'better-sqlite3';
import { defaultSettings, settingsSchema, type Settings } from '@contract';
import { z } from 'zod';
import type { LocalStore } from './local-store';
import { profileNotFound } from './profile-store';
import { violates } from './sqlite-errors';
import { warnDamagedRow } from './damaged-row';

const storedSettingsSchema = z.object(settingsSchema.shape);

/** Settings and the last profile used: the single desk_state row. */
export function createDeskStateStore(db: Database): Pick<LocalStore, 'settings' | 'lastProfileId'> {
  const readSettings = db.prepare<[], { settings: string }>(
    'SELECT settings FROM desk_state WHERE id = 1',
  );
  const writeSettings = db.prepare<[string]>('UPDATE desk_state SET settings = ? WHERE id = 1');
  const readLastProfile = db.prepare<[], { last_profile_id: number | null }>(
    'SELECT last_profile_id FROM desk_state WHERE id = 1',
  );
  const writeLastProfile = db.prepare<[number | null]>(
    'UPDATE desk_state SET last_profile_id = ? WHERE id = 1',
  );

  return {
    settings: {
      get: () => parseSettings(readSettings.get()!.settings),
      set(settings) {
        writeSettings.run(JSON.stringify(settings));
        return settings;
      },
    },
    lastProfileId: {
      get: () => readLastProfile.get()!.last_profile_id,
      set(id) {
        try {
          writeLastProfile.run(id);
        } catch (error) {
          if (violates(error, 'FOREIGNKEY') && id !== null) throw profileNotFound(id);
          throw error;
        }
      },
    },
  };
}

/**
 * Stored settings over the defaults, so a setting added by a later release starts at its
 * default, and a setting only a newer release knows is ignored rather than failing the
 * rest. Settings that no longer validate fall back to the defaults as a whole.
 */
function parseSettings(json: string): Settings {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    warnDamagedRow('the settings row', 'it is not JSON');
    return { ...defaultSettings };
  }
  const parsed = storedSettingsSchema.safeParse(
    typeof stored === 'object' && stored !== null ? { ...defaultSettings, ...stored } : stored,
  );
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  warnDamagedRow('the settings row', issues.join('; '));
  return { ...defaultSettings };
}
