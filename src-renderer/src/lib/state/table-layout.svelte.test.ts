import type { Result, TableLayout as SavedLayout } from '@contract';
import { describe, expect, it } from 'vitest';
import { defaultColumnIds } from '../session-columns';
import { TableLayout, type TableLayoutCalls } from './table-layout.svelte';

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

/** Calls answered as main would, over what the profile saved; every save is noted. */
function withSaved(saved: SavedLayout | null, refuseSave = false) {
  const writes: SavedLayout[] = [];
  const calls: TableLayoutCalls = {
    get: async () => ok(saved),
    set: async (layout) => {
      if (refuseSave) {
        return { ok: false, error: { code: 'INTERNAL', message: 'The local store is read-only.' } };
      }
      writes.push(layout);
      return ok(layout);
    },
  };
  return { layout: new TableLayout(calls, 1920), writes };
}

const ids = (layout: TableLayout): string[] => layout.columns.map((column) => column.id);

describe('TableLayout', () => {
  it('shows the default columns, compact, until the profile has chosen', async () => {
    const { layout } = withSaved(null);
    await layout.load();
    expect(ids(layout)).toEqual([...defaultColumnIds(1920)]);
    expect(layout.density).toBe('compact');
    expect(layout.rowHeight).toBe(20);
  });

  it("takes the profile's choice, in the table's order, ignoring columns it does not know", async () => {
    const { layout } = withSaved({
      columns: ['mac', 'username', 'ipv6FromTheFuture', 'framedIp'],
      density: 'comfortable',
    });
    await layout.load();
    // Username and Status cannot be hidden; the order is the table's, not the list's.
    expect(ids(layout)).toEqual(['username', 'framedIp', 'mac', 'status']);
    expect(layout.rowHeight).toBe(28);
  });

  it('hides and shows a column and saves each choice', async () => {
    const { layout, writes } = withSaved(null);
    await layout.load();
    await layout.toggle('service');
    expect(layout.isShown('service')).toBe(false);
    await layout.toggle('service');
    expect(layout.isShown('service')).toBe(true);
    expect(writes).toHaveLength(2);
    expect(writes[0]!.columns).not.toContain('service');
  });

  it('never hides Username or Status, and saves nothing for them', async () => {
    const { layout, writes } = withSaved(null);
    await layout.toggle('username');
    await layout.toggle('status');
    expect(layout.isShown('username')).toBe(true);
    expect(layout.isShown('status')).toBe(true);
    expect(writes).toEqual([]);
  });

  it('keeps a choice on screen when saving it is refused, and says why', async () => {
    const { layout } = withSaved(null, true);
    await layout.setDensity('comfortable');
    expect(layout.density).toBe('comfortable');
    expect(layout.error?.message).toContain('read-only');
  });

  it('leaves Service and Session id out by default on a 1366 px screen', () => {
    const layout = new TableLayout(null, 1366);
    expect(layout.isShown('service')).toBe(false);
    expect(layout.isShown('acctSessionId')).toBe(false);
    expect(layout.isShown('framedIp')).toBe(true);
  });

  it('keeps everything on this screen without calls (an offline file)', async () => {
    const layout = new TableLayout(null, 1920);
    await layout.load();
    await layout.toggle('mac');
    expect(layout.isShown('mac')).toBe(false);
    await layout.reset();
    expect(ids(layout)).toEqual([...defaultColumnIds(1920)]);
  });
});
