import { describe, expect, it } from 'vitest';
import type { OperatorIdentity } from '@contract';
import { operatorOffers } from '../../../src-renderer/src/lib/operator-offers';
import { operatorLine } from '../../../src-renderer/src/lib/operator-words';

const readOnly: OperatorIdentity = {
  kind: 'listed',
  role: 'noc_ana',
  userType: 'read-only',
  permissions: ['sessions.view'],
  sees: 'reseller-tree',
  reseller: { id: 2, name: 'North Fiber', size: { resellers: 3, subscribers: 1 } },
};

describe('what the page offers an operator', () => {
  it('offers pages but no Disconnect before main has said who the operator is', () => {
    const offers = operatorOffers(null);
    expect(offers.missingFor('sessions')).toBeNull();
    expect(offers.missingFor('nas')).toBeNull();
    expect(offers.disconnect).toBe(false);
  });

  it('keeps a read-only operator to the pages it may read', () => {
    const offers = operatorOffers(readOnly);
    expect(offers.missingFor('sessions')).toBeNull();
    expect(offers.missingFor('subscriber')).toBeNull();
    expect(offers.missingFor('nas')).toBe('subscribers.disconnect');
    // Its tokens read what it reads; a token's disconnect is refused by main.
    expect(offers.missingFor('automation')).toBeNull();
    expect(offers.disconnect).toBe(false);
  });

  it('names sessions.view as what a role with no row lacks', () => {
    const offers = operatorOffers({
      kind: 'not-listed',
      role: 'x',
      why: 'no row',
      permissions: [],
    });
    expect(offers.missingFor('sessions')).toBe('sessions.view');
    expect(offers.missingFor('audit')).toBe('sessions.view');
    expect(offers.missingFor('automation')).toBe('sessions.view');
  });

  it('says who the operator is in one line', () => {
    expect(operatorLine(readOnly)).toBe(
      'noc_ana · read-only · North Fiber (tree: 3 resellers, 1 subscriber) · sees its reseller tree · may view',
    );
    expect(
      operatorLine({ kind: 'database-owner', role: 'radius', permissions: ['sessions.view'] }),
    ).toBe(
      'radius · administers this database · sees all sessions (no operators table) · may view',
    );
  });
});
