import { F, type SessionRow } from '@contract';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { onlineSessionRow as session } from '../../../../test/support/session-row';
import { HeldPage } from './held-page.svelte';

const ids = (rows: readonly SessionRow[]): string[] => rows.map((row) => row[F.id]);
const view = 1;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('HeldPage', () => {
  it('shows every read at once while nothing holds the table', () => {
    const held = new HeldPage();
    held.receive([session(1), session(2)], view);
    held.receive([session(3), session(1)], view);
    expect(ids(held.rows)).toEqual(['3', '1']);
    expect(held.pending).toBe(0);
  });

  it('keeps the rows in their places under the pointer and counts what waits', () => {
    const held = new HeldPage();
    held.receive([session(3), session(2), session(1)], view);
    held.hold('pointer', true);
    // Default sort, newest first: 5 and 4 started, 2 ended.
    held.receive([session(5), session(4), session(3), session(1)], view);
    expect(ids(held.rows)).toEqual(['3', '2', '1']);
    expect([...held.gone]).toEqual(['2']);
    expect(held.changes).toEqual({ added: 2, gone: 1, moved: 0 });
    expect(held.pending).toBe(3);
  });

  it('updates the values of rows that stay, in place, and leaves a gone row as it was', () => {
    const held = new HeldPage();
    held.receive([session(2, '100'), session(1, '100')], view);
    held.hold('pointer', true);
    held.receive([session(1, '999')], view);
    expect(held.rows.map((row) => [row[F.id], row[F.download]])).toEqual([
      ['2', '100'],
      ['1', '999'],
    ]);
    expect(held.pending).toBe(1);
  });

  it('counts a re-sort as the rows that change place, not every row they pass', () => {
    const held = new HeldPage();
    held.receive([session(1), session(2), session(3), session(4)], view);
    held.hold('keyboard', true);
    // Sorted by download: 4 took the lead, the others keep their order.
    held.receive([session(4), session(1), session(2), session(3)], view);
    expect(ids(held.rows)).toEqual(['1', '2', '3', '4']);
    expect(held.changes).toEqual({ added: 0, gone: 0, moved: 1 });
  });

  it('has nothing pending when a read changes only values', () => {
    const held = new HeldPage();
    held.receive([session(1), session(2)], view);
    held.hold('pointer', true);
    held.receive([session(1, '5'), session(2, '7')], view);
    expect(held.pending).toBe(0);
    expect(held.gone.size).toBe(0);
  });

  it('shows the last read when the last reason to hold ends', () => {
    const held = new HeldPage();
    held.receive([session(2), session(1)], view);
    held.hold('pointer', true);
    held.hold('confirmation', true);
    held.receive([session(3), session(1)], view);
    held.hold('pointer', false);
    // The confirmation still names a row of this table.
    expect(ids(held.rows)).toEqual(['2', '1']);
    held.hold('confirmation', false);
    expect(ids(held.rows)).toEqual(['3', '1']);
    expect(held.gone.size).toBe(0);
    expect(held.pending).toBe(0);
  });

  it('shows the changes on request and holds again from the next read', () => {
    const held = new HeldPage();
    held.receive([session(1)], view);
    held.hold('pointer', true);
    held.receive([session(2), session(1)], view);
    held.release();
    expect(ids(held.rows)).toEqual(['2', '1']);
    expect(held.holding).toBe(true);
    held.receive([session(3), session(2)], view);
    expect(ids(held.rows)).toEqual(['2', '1']);
    expect(held.changes).toEqual({ added: 1, gone: 1, moved: 0 });
  });

  it('shows another list at once: the operator changed the filter, sort, search or page', () => {
    const held = new HeldPage();
    held.receive([session(1), session(2)], view);
    held.hold('pointer', true);
    held.receive([session(7), session(8)], view + 1);
    expect(ids(held.rows)).toEqual(['7', '8']);
    expect(held.pending).toBe(0);
  });

  it('fills an empty table at once: nothing on it can move', () => {
    const held = new HeldPage();
    held.receive([], view);
    held.hold('pointer', true);
    held.receive([session(1)], view);
    expect(ids(held.rows)).toEqual(['1']);
  });

  it('brings a gone row back when a later read has it again', () => {
    const held = new HeldPage();
    held.receive([session(1), session(2)], view);
    held.hold('pointer', true);
    held.receive([session(1)], view);
    expect(held.gone.has('2')).toBe(true);
    held.receive([session(1), session(2, '50')], view);
    expect(held.gone.size).toBe(0);
    expect(held.rows[1]?.[F.download]).toBe('50');
  });

  it('is reactive: what renders from it follows the hold', () => {
    const held = new HeldPage();
    const seen: string[][] = [];
    cleanup = $effect.root(() => {
      $effect(() => {
        seen.push(ids(held.rows));
      });
    });
    flushSync();
    held.receive([session(1)], view);
    flushSync();
    held.hold('pointer', true);
    held.receive([session(2), session(1)], view);
    flushSync();
    held.hold('pointer', false);
    flushSync();
    expect(seen).toEqual([[], ['1'], ['1'], ['2', '1']]);
  });
});
