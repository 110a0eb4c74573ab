import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { catchOperatorError, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);

describe('table layouts', () => {
  it('are kept per profile, replaced by the next choice, and gone with the profile', () => {
    const store = open();
    try {
      const north = store.profiles.save(profileDraft({ name: 'north' }));
      const south = store.profiles.save(profileDraft({ name: 'south' }));
      expect(store.tableLayouts.get(north.id)).toBeNull();
      store.tableLayouts.set(north.id, { columns: ['username', 'mac'], density: 'compact' });
      store.tableLayouts.set(north.id, {
        columns: ['username', 'framedIp'],
        density: 'comfortable',
      });
      expect(store.tableLayouts.get(north.id)).toEqual({
        columns: ['username', 'framedIp'],
        density: 'comfortable',
      });
      expect(store.tableLayouts.get(south.id)).toBeNull();
      store.profiles.delete(north.id);
      expect(store.tableLayouts.get(north.id)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('refuse a profile that does not exist, in words', () => {
    const store = open();
    try {
      const error = catchOperatorError(() =>
        store.tableLayouts.set(999, { columns: [], density: 'compact' }),
      );
      expect(error.code).toBe('NOT_FOUND');
    } finally {
      store.close();
    }
  });

  it('fall back to the defaults, with a warning, when the stored one is damaged', () => {
    const store = open();
    const profile = store.profiles.save(profileDraft({ name: 'north' }));
    store.close();
    const db = new Database(folder.file);
    db.prepare('INSERT INTO table_layout (profile_id, layout) VALUES (?, ?)').run(
      profile.id,
      '{not json',
    );
    db.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reopened = open();
    try {
      expect(reopened.tableLayouts.get(profile.id)).toBeNull();
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
      reopened.close();
    }
  });
});
