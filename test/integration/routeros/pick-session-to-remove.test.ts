import { describe, expect, it } from 'vitest';
import { pickSessionToRemove, type PppActive } from '../../../src-main/nas/routeros';

const first: PppActive = {
  id: '*1A',
  name: 'alice',
  address: '100.64.1.5',
  callerId: 'AA:BB:CC:00:00:01',
};
const second: PppActive = {
  id: '*1B',
  name: 'alice',
  address: '100.64.1.6',
  callerId: 'AA:BB:CC:00:00:02',
};

describe('choosing which of a user’s PPP sessions is the row', () => {
  it('picks the one with the row’s framed IP', () => {
    expect(pickSessionToRemove([first, second], { framedIp: '100.64.1.6', mac: null })).toBe(
      second,
    );
  });

  it('picks by caller-id when the row has no IP, whatever the MAC notation', () => {
    expect(pickSessionToRemove([first, second], { framedIp: null, mac: 'aabb.cc00.0002' })).toBe(
      second,
    );
    expect(pickSessionToRemove([first, second], { framedIp: null, mac: 'aa-bb-cc-00-00-01' })).toBe(
      first,
    );
  });

  it('takes the only session when the row has nothing to compare', () => {
    expect(pickSessionToRemove([first], { framedIp: null, mac: null })).toBe(first);
  });

  it('refuses to guess when the row matches none of several, or a stale row matches nothing', () => {
    expect(pickSessionToRemove([first, second], { framedIp: null, mac: null })).toBeNull();
    expect(pickSessionToRemove([first], { framedIp: '100.64.9.9', mac: null })).toBeNull();
    expect(pickSessionToRemove([], { framedIp: '100.64.1.5', mac: null })).toBeNull();
  });
});
