import { describe, expect, it } from 'vitest';
import {
  pickSessionToRemove,
  routerOsSessionNumber,
  type PppActive,
} from '../../../src-main/nas/routeros';

// An older RouterOS, or a print without session-id: only address and caller-id to go by.
const first: PppActive = {
  id: '*1A',
  name: 'alice',
  address: '100.64.1.5',
  callerId: 'AA:BB:CC:00:00:01',
  sessionId: null,
};
const second: PppActive = {
  id: '*1B',
  name: 'alice',
  address: '100.64.1.6',
  callerId: 'AA:BB:CC:00:00:02',
  sessionId: null,
};
const row = (
  overrides: Partial<{ acctSessionId: string; framedIp: string | null; mac: string | null }>,
) => ({
  acctSessionId: '',
  framedIp: null,
  mac: null,
  ...overrides,
});

describe('choosing which of a user’s PPP sessions is the row', () => {
  it('picks the one with the row’s framed IP', () => {
    expect(pickSessionToRemove([first, second], row({ framedIp: '100.64.1.6' }))).toBe(second);
  });

  it('picks by caller-id when the row has no IP, whatever the MAC notation', () => {
    expect(pickSessionToRemove([first, second], row({ mac: 'aabb.cc00.0002' }))).toBe(second);
    expect(pickSessionToRemove([first, second], row({ mac: 'aa-bb-cc-00-00-01' }))).toBe(first);
  });

  it('takes the only session when the row has nothing to compare', () => {
    expect(pickSessionToRemove([first], row({}))).toBe(first);
  });

  it('refuses to guess when the row matches none of several, or a stale row matches nothing', () => {
    expect(pickSessionToRemove([first, second], row({}))).toBeNull();
    expect(pickSessionToRemove([first], row({ framedIp: '100.64.9.9' }))).toBeNull();
    expect(pickSessionToRemove([], row({ framedIp: '100.64.1.5' }))).toBeNull();
  });
});

describe('matching by RouterOS session id first', () => {
  // RouterOS shows session-id=0x81A00003 in /ppp active; the same session's Accounting
  // carries Acct-Session-Id "81a00003": the same 32-bit number, another spelling.
  const home: PppActive = { ...first, sessionId: '0x81A00003' };
  const phone: PppActive = { ...second, sessionId: '0x81A00004' };

  it('reads both spellings as the same number', () => {
    expect(routerOsSessionNumber('0x81A00003')).toBe('81a00003');
    expect(routerOsSessionNumber('81a00003')).toBe('81a00003');
    expect(routerOsSessionNumber('0X0000ABCD')).toBe('abcd');
    expect(routerOsSessionNumber('00abcd')).toBe('abcd');
    expect(routerOsSessionNumber('session-42')).toBeNull();
    expect(routerOsSessionNumber('81a000031')).toBeNull();
  });

  it('picks the session whose id is the row’s Acct-Session-Id, even when IP and MAC say otherwise', () => {
    // The address went to the phone after a reconnect; the session id still names the home router.
    const picked = pickSessionToRemove(
      [phone, home],
      row({ acctSessionId: '81a00003', framedIp: '100.64.1.6', mac: 'AA:BB:CC:00:00:02' }),
    );
    expect(picked).toBe(home);
  });

  it('refuses a stale row whose session id the NAS no longer has, though its IP matches a newer session', () => {
    const newer: PppActive = { ...home, id: '*2F', sessionId: '0x81A00100' };
    expect(
      pickSessionToRemove([newer], row({ acctSessionId: '81a00003', framedIp: '100.64.1.5' })),
    ).toBeNull();
  });

  it('falls back to IP, then MAC, when the row’s Acct-Session-Id is not a RouterOS one', () => {
    expect(
      pickSessionToRemove(
        [home, phone],
        row({ acctSessionId: 'acct-7781', framedIp: '100.64.1.6' }),
      ),
    ).toBe(phone);
  });

  it('tells IPv6-only sessions (no address on the NAS, none in the row) apart by session id, then MAC', () => {
    const v6home: PppActive = { ...home, address: null, sessionId: '0x81A00201' };
    const v6phone: PppActive = { ...phone, address: null, sessionId: '0x81A00202' };
    expect(
      pickSessionToRemove([v6home, v6phone], row({ acctSessionId: '81a00202', mac: null })),
    ).toBe(v6phone);
    const noIds = [
      { ...v6home, sessionId: null },
      { ...v6phone, sessionId: null },
    ];
    expect(pickSessionToRemove(noIds, row({ mac: phone.callerId }))).toBe(noIds[1]);
    // Nothing to tell two IPv6-only sessions apart: no guess.
    expect(pickSessionToRemove(noIds, row({}))).toBeNull();
  });
});
