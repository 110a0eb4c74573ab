import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { catchOperatorError, profileDraft, savedFilter, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);

function rawFilterCount(): number {
  const db = new Database(folder.file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM saved_filter').get()!.n;
  } finally {
    db.close();
  }
}

function overwriteView(id: number, view: string): void {
  const db = new Database(folder.file);
  try {
    db.prepare('UPDATE saved_filter SET view = ? WHERE id = ?').run(view, id);
  } finally {
    db.close();
  }
}

/** A stored view (the JSON column) with some fields changed; undefined drops one. */
function viewOf(changes: Record<string, unknown>): string {
  const { filter, sort, pageSize } = savedFilter('any');
  return JSON.stringify({ filter, sort, pageSize, ...changes });
}

describe('saved filters', () => {
  it('belong to one profile and list by name', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    const offline = store.filters.save(core.id, {
      ...savedFilter('offline today', 'ppp-'),
      filter: { search: 'ppp-', status: 'offline', nasIp: '127.0.10.1' },
      sort: { column: 'stopTime', direction: 'asc' },
      pageSize: 250,
    });
    store.filters.save(core.id, savedFilter('Busy NAS'));
    store.filters.save(edge.id, savedFilter('edge only'));

    expect(store.filters.list(core.id).map((filter) => filter.name)).toEqual([
      'Busy NAS',
      'offline today',
    ]);
    expect(store.filters.list(core.id)[1]).toEqual(offline);
    expect(offline).toEqual({
      id: offline.id,
      name: 'offline today',
      filter: { search: 'ppp-', status: 'offline', nasIp: '127.0.10.1' },
      sort: { column: 'stopTime', direction: 'asc' },
      pageSize: 250,
    });
    expect(store.filters.list(edge.id).map((filter) => filter.name)).toEqual(['edge only']);
    store.close();
  });

  it('replace a filter saved under the same name, keeping its id', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const first = store.filters.save(core.id, savedFilter('mine', 'alice'));
    const second = store.filters.save(core.id, savedFilter('Mine', 'bob'));
    expect(second.id).toBe(first.id);
    expect(store.filters.list(core.id)).toEqual([second]);
    expect(second.filter.search).toBe('bob');
    store.close();
  });

  it('may share a name across profiles', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    const onCore = store.filters.save(core.id, savedFilter('online'));
    const onEdge = store.filters.save(edge.id, savedFilter('online'));
    expect(onEdge.id).not.toBe(onCore.id);
    store.close();
  });

  it('survive close and reopen', () => {
    const first = open();
    const core = first.profiles.save(profileDraft());
    const saved = first.filters.save(core.id, savedFilter('kept', 'carol'));
    first.close();
    const again = open();
    expect(again.filters.list(core.id)).toEqual([saved]);
    again.close();
  });

  it('delete only the given profile’s filter; another profile’s id is NOT_FOUND', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    const onCore = store.filters.save(core.id, savedFilter('core filter'));
    const error = catchOperatorError(() => store.filters.delete(edge.id, onCore.id));
    expect(error.code).toBe('NOT_FOUND');
    expect(store.filters.list(core.id)).toEqual([onCore]);
    store.filters.delete(core.id, onCore.id);
    expect(store.filters.list(core.id)).toEqual([]);
    expect(catchOperatorError(() => store.filters.delete(core.id, onCore.id)).code).toBe(
      'NOT_FOUND',
    );
    store.close();
  });

  it('cannot be saved for a profile that does not exist', () => {
    const store = open();
    const error = catchOperatorError(() => store.filters.save(77, savedFilter('orphan')));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('id 77');
    store.close();
  });

  it('go with their profile when it is deleted', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    store.filters.save(core.id, savedFilter('a'));
    store.filters.save(core.id, savedFilter('b'));
    store.filters.save(edge.id, savedFilter('c'));
    store.profiles.delete(core.id);
    store.close();
    expect(rawFilterCount()).toBe(1);
    const again = open();
    expect(again.filters.list(core.id)).toEqual([]);
    expect(again.filters.list(edge.id).map((filter) => filter.name)).toEqual(['c']);
    again.close();
  });

  it.each([
    ['not JSON', '{"filter": '],
    ['not an object', '42'],
    ['an unknown status', viewOf({ filter: { search: '', status: 'sleeping', nasIp: null } })],
    ['a page size past the limit', viewOf({ pageSize: 100_000 })],
    ['a missing sort', viewOf({ sort: undefined })],
    [
      'a NUL byte in the search',
      viewOf({ filter: { search: 'a\u0000', status: 'all', nasIp: null } }),
    ],
  ])('damaged on disk (%s) are skipped with a warning, not a crash', (_damage, view) => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const damaged = store.filters.save(core.id, savedFilter('damaged'));
    const healthy = store.filters.save(core.id, savedFilter('healthy'));
    overwriteView(damaged.id, view);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(store.filters.list(core.id)).toEqual([healthy]);
      expect(warn).toHaveBeenCalledOnce();
      expect(String(warn.mock.calls[0]?.[0])).toContain(
        `saved filter "damaged" (id ${damaged.id}) is damaged and was ignored`,
      );
    } finally {
      warn.mockRestore();
    }
    // Saving under the damaged name repairs it in place.
    expect(store.filters.save(core.id, savedFilter('damaged')).id).toBe(damaged.id);
    expect(store.filters.list(core.id)).toHaveLength(2);
    store.close();
  });
});
