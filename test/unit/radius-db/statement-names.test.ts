import { describe, expect, it } from 'vitest';
import { StatementNames } from '../../../src-main/radius-db/statement-names';

describe('StatementNames', () => {
  it('names a statement without parameters by its text, and never one with them', () => {
    const names = new StatementNames();
    const name = names.nameFor('SELECT 1', []);
    expect(name).toMatch(/^sd_[0-9a-f]{24}$/);
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

  it('turns names off after a pooler, and only then', () => {
    for (const code of ['26000', '42P05', '0A000']) {
      expect(StatementNames.mayBeTheName(code)).toBe(true);
    }
    expect(StatementNames.mayBeTheName('57014')).toBe(false);
    expect(StatementNames.mayBeTheName(undefined)).toBe(false);

    for (const code of ['26000', '42P05']) {
      const pooled = new StatementNames();
      pooled.nameFailed(code);
      expect(pooled.nameFor('SELECT 1', [])).toBeUndefined();
    }
    for (const code of ['0A000', '57014']) {
      const kept = new StatementNames();
      const before = kept.nameFor('SELECT 1', []);
      kept.nameFailed(code);
      expect(kept.nameFor('SELECT 1', [])).toBe(before);
    }
  });
});
