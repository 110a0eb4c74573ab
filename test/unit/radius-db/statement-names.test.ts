import { describe, expect, it } from 'vitest';
import { StatementNames } from '../../../src-main/radius-db/statement-names';

describe('StatementNames', () => {
  it('names a statement without parameters by its text, and never one with them', () => {
    const names = new StatementNames();
    const name = names.nameFor('SELECT 1', []);
    expect(name).toMatch(/^sd0_[0-9a-f]{24}$/);
    expect(names.nameFor('SELECT 1', [])).toBe(name);
    expect(names.nameFor('SELECT 2', [])).not.toBe(name);
    expect(names.nameFor('SELECT $1::int', [1])).toBeUndefined();
  });

  it('stops naming new texts at its limit and keeps naming the ones it has', () => {
    const names = new StatementNames();
    const first = names.nameFor('SELECT 0', []);
    for (let at = 1; at < StatementNames.limit; at += 1) {
      expect(names.nameFor(`SELECT ${at}`, [])).toBeDefined();
    }
    expect(names.nameFor('SELECT -1', [])).toBeUndefined();
    expect(names.nameFor('SELECT 0', [])).toBe(first);
  });

  it('turns names off for a pooler, renews them for a changed column, ignores the rest', () => {
    const renewed = new StatementNames();
    const before = renewed.nameFor('SELECT 1', []);
    expect(renewed.recover('0A000')).toBe(true);
    const after = renewed.nameFor('SELECT 1', []);
    expect(after).toMatch(/^sd1_/);
    expect(after).not.toBe(before);

    for (const code of ['26000', '42P05']) {
      const pooled = new StatementNames();
      expect(pooled.recover(code)).toBe(true);
      expect(pooled.nameFor('SELECT 1', [])).toBeUndefined();
    }
    const other = new StatementNames();
    expect(other.recover('57014')).toBe(false);
    expect(other.recover(undefined)).toBe(false);
    expect(other.nameFor('SELECT 1', [])).toBeDefined();
  });
});
