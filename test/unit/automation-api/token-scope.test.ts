import { describe, expect, it } from 'vitest';
import { tokenScope } from '../../../src-main/automation-api/token-scope';
import type { OperatorScope } from '../../../src-main/operator-scope';

// Top(1) ─ North(2) ─ North-East(3); Top ─ South(4)
const parents: Record<number, number | null> = { 1: null, 2: 1, 3: 2, 4: 1 };
const contains = async (rootId: number, resellerId: number): Promise<boolean> => {
  for (let id: number | null = resellerId; id !== null; id = parents[id] ?? null) {
    if (id === rootId) return true;
  }
  return false;
};
const all: OperatorScope = { kind: 'all' };
const none: OperatorScope = { kind: 'none' };
const reseller = (resellerId: number): OperatorScope => ({ kind: 'reseller', resellerId });

describe("a token's scope", () => {
  it.each([
    ['admin token, admin operator', all, { kind: 'admin' }, all],
    ['admin token, reseller operator', reseller(2), { kind: 'admin' }, reseller(2)],
    ['admin token, operator with nothing', none, { kind: 'admin' }, none],
    ['reseller token, admin operator', all, { kind: 'reseller', resellerId: 3 }, reseller(3)],
    [
      'reseller token inside the operator tree',
      reseller(2),
      { kind: 'reseller', resellerId: 3 },
      reseller(3),
    ],
    [
      'reseller token of the operator own reseller',
      reseller(2),
      { kind: 'reseller', resellerId: 2 },
      reseller(2),
    ],
    [
      'reseller token above the operator',
      reseller(3),
      { kind: 'reseller', resellerId: 1 },
      reseller(3),
    ],
    ['reseller token beside the operator', reseller(2), { kind: 'reseller', resellerId: 4 }, none],
    ['reseller token, operator with nothing', none, { kind: 'reseller', resellerId: 2 }, none],
  ] as const)('%s', async (_case, operator, token, expected) => {
    expect(await tokenScope(operator, token, contains)).toEqual(expected);
  });
});
