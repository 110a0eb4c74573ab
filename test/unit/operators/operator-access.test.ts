import { describe, expect, it } from 'vitest';
import type { UserType } from '@contract';
import { operatorAccess } from '../../../src-main/operator-access';
import type { OperatorRecord } from '../../../src-main/radius-db/read-operator';

const north = { id: 2, name: 'North Fiber', size: { resellers: 3, subscribers: 40 } };
const row = (fields: Partial<Extract<OperatorRecord, { kind: 'row' }>>): OperatorRecord => ({
  kind: 'row',
  role: 'noc_ana',
  userType: 'reseller',
  permissions: [],
  reseller: north,
  ...fields,
});
const granted = (record: OperatorRecord) => [...operatorAccess(record).permissions].sort();

describe('operator access: the one place scope and permissions are decided', () => {
  it('without the operators table, the role administers its own database', () => {
    const access = operatorAccess({ kind: 'no-table', role: 'radius' });
    expect(access.identity).toMatchObject({ kind: 'database-owner', role: 'radius' });
    expect(access.scope).toEqual({ kind: 'all' });
    expect(granted({ kind: 'no-table', role: 'radius' })).toEqual([
      'sessions.cleanup',
      'sessions.view',
      'sessions.view_all',
      'subscribers.disconnect',
    ]);
  });

  it.each(['no-row', 'unreadable'] as const)('%s: may do nothing and sees nothing', (kind) => {
    const access = operatorAccess({ kind, role: 'noc_ana' });
    expect(access.identity).toMatchObject({ kind: 'not-listed', role: 'noc_ana', permissions: [] });
    expect(access.scope).toEqual({ kind: 'none' });
    expect(access.permissions.size).toBe(0);
  });

  it.each<[UserType, string[]]>([
    ['admin', ['sessions.cleanup', 'sessions.view', 'sessions.view_all', 'subscribers.disconnect']],
    ['reseller', ['sessions.view', 'subscribers.disconnect']],
    ['sub-reseller', ['sessions.view', 'subscribers.disconnect']],
    ['support', ['sessions.view', 'subscribers.disconnect']],
    ['collector', ['sessions.view']],
    ['read-only', ['sessions.view']],
  ])('a %s whose row leaves permissions empty gets its defaults', (userType, expected) => {
    expect(granted(row({ userType }))).toEqual(expected);
    expect(granted(row({ userType, permissions: null }))).toEqual(expected);
  });

  it.each(['reseller', 'sub-reseller', 'support', 'collector', 'read-only'] as const)(
    'a %s sees its reseller tree, unless it holds sessions.view_all',
    (userType) => {
      expect(operatorAccess(row({ userType })).scope).toEqual({ kind: 'reseller', resellerId: 2 });
      const all = operatorAccess(
        row({ userType, permissions: ['sessions.view', 'sessions.view_all'] }),
      );
      expect(all.scope).toEqual({ kind: 'all' });
      expect(all.identity).toMatchObject({ sees: 'everything', reseller: north });
    },
  );

  it('ISP-wide staff: a read-only operator with sessions.view_all needs no reseller', () => {
    const staff = operatorAccess(
      row({
        userType: 'read-only',
        reseller: null,
        permissions: ['sessions.view', 'sessions.view_all'],
      }),
    );
    expect(staff.scope).toEqual({ kind: 'all' });
    expect(staff.identity).toMatchObject({ kind: 'listed', sees: 'everything', reseller: null });
  });

  it('an admin sees everything, tied to a reseller or not', () => {
    expect(operatorAccess(row({ userType: 'admin', reseller: null })).scope).toEqual({
      kind: 'all',
    });
    expect(operatorAccess(row({ userType: 'admin' })).scope).toEqual({ kind: 'all' });
  });

  it('takes the listed permissions as they are, ignoring names it does not know', () => {
    expect(
      granted(row({ permissions: ['sessions.view', 'sessions.view', 'subscribers.teleport'] })),
    ).toEqual(['sessions.view']);
  });

  it('gives nothing for a row it cannot use: an unknown user type, a tied type with no reseller', () => {
    for (const record of [
      row({ userType: 'boss' }),
      row({ userType: 42 }),
      row({ reseller: null }),
    ]) {
      const access = operatorAccess(record);
      expect(access.identity.kind).toBe('not-listed');
      expect(access.scope).toEqual({ kind: 'none' });
      expect(access.permissions.size).toBe(0);
    }
    const identity = operatorAccess(row({ reseller: null })).identity;
    expect(identity.kind === 'not-listed' && identity.why).toMatch(/names no reseller/);
  });
});
