import Database from 'better-sqlite3';
import { defaultSettings } from '@contract';
import { describe, expect, it, vi } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { catchOperatorError, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);

function overwriteSettings(json: string): void {
  const db = new Database(folder.file);
  try {
    db.prepare('UPDATE desk_state SET settings = ?').run(json);
  } finally {
    db.close();
  }
}

describe('settings', () => {
  it('start at the contract defaults', () => {
    const store = open();
    expect(store.settings.get()).toEqual(defaultSettings);
    store.close();
  });

  it('are saved and survive close and reopen', () => {
    const first = open();
    expect(first.settings.set({ refreshSeconds: 30 })).toEqual({ refreshSeconds: 30 });
    first.close();
    const again = open();
    expect(again.settings.get()).toEqual({ refreshSeconds: 30 });
    again.close();
  });

  it('fill a setting missing on disk from the defaults', () => {
    open().close();
    overwriteSettings('{}');
    const store = open();
    expect(store.settings.get()).toEqual(defaultSettings);
    store.close();
  });

  it.each([
    ['not JSON', 'refresh=5'],
    ['out of range', '{"refreshSeconds": 0}'],
    ['the wrong type', '{"refreshSeconds": "10"}'],
  ])('damaged on disk (%s) fall back to the defaults with a warning', (_damage, json) => {
    open().close();
    overwriteSettings(json);
    const store = open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(store.settings.get()).toEqual(defaultSettings);
      expect(String(warn.mock.calls[0]?.[0])).toContain(
        'the settings row is damaged and was ignored',
      );
    } finally {
      warn.mockRestore();
    }
    store.close();
  });

  it('ignore a setting only a newer Session Desk knows, keeping the others', () => {
    open().close();
    overwriteSettings('{"refreshSeconds": 10, "theme": "dark"}');
    const store = open();
    expect(store.settings.get()).toEqual({ refreshSeconds: 10 });
    store.close();
  });

  it('hand out a copy of the defaults, never the shared object', () => {
    const store = open();
    store.settings.get().refreshSeconds = 99;
    expect(defaultSettings.refreshSeconds).toBe(5);
    store.close();
  });
});

describe('last profile', () => {
  it('is null at first, remembered across reopen, and can be cleared', () => {
    const first = open();
    expect(first.lastProfileId.get()).toBeNull();
    const core = first.profiles.save(profileDraft());
    first.lastProfileId.set(core.id);
    first.close();
    const again = open();
    expect(again.lastProfileId.get()).toBe(core.id);
    again.lastProfileId.set(null);
    expect(again.lastProfileId.get()).toBeNull();
    again.close();
  });

  it('is forgotten when that profile is deleted', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.lastProfileId.set(core.id);
    store.profiles.delete(core.id);
    expect(store.lastProfileId.get()).toBeNull();
    store.close();
  });

  it('refuses a profile that does not exist', () => {
    const store = open();
    expect(catchOperatorError(() => store.lastProfileId.set(12)).code).toBe('NOT_FOUND');
    expect(store.lastProfileId.get()).toBeNull();
    store.close();
  });
});
