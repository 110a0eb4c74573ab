import { describe, expect, it } from 'vitest';
import { describeErrorCause, sendDisconnect, worstCaseWaitMs } from '../../../src-main/nas/coa';
import type { DisconnectTarget } from '../../../src-main/nas/coa';
import { operatorErrorOf } from '../../support/coa-peer/disconnect-fixture';

// Nothing listens here: every case must be refused before a packet is sent.
const target: DisconnectTarget = {
  nasAddress: '127.0.10.9',
  secret: 'noc-coa-secret',
  attributes: {
    userName: 'alice@fiber',
    acctSessionId: '81a00012',
    framedIp: '100.64.3.17',
    nasIp: '127.0.10.9',
  },
};
const attributes = target.attributes;

describe('sendDisconnect: input it refuses', () => {
  it.each<[string, DisconnectTarget, string]>([
    ['a host name', { ...target, nasAddress: 'bng1.example' }, 'is not an IP address'],
    ['port 0', { ...target, port: 0 }, 'is not a port number'],
    ['no secret', { ...target, secret: '' }, 'No shared secret is set for NAS 127.0.10.9'],
    ['zero tries', { ...target, tries: 0 }, 'Tries must be a whole number'],
    ['a fractional wait', { ...target, firstWaitMs: 0.5 }, 'The first wait must be'],
    [
      'an empty user name',
      { ...target, attributes: { ...attributes, userName: '' } },
      'User-Name must be 1–253 bytes long, not 0',
    ],
    [
      'an over-long session id',
      { ...target, attributes: { ...attributes, acctSessionId: 'x'.repeat(254) } },
      'Acct-Session-Id must be 1–253 bytes long, not 254',
    ],
    [
      'a framed IP that is not IPv4',
      { ...target, attributes: { ...attributes, framedIp: '100.64.3' } },
      'framed IP "100.64.3" is not an IPv4 address',
    ],
    [
      'a NAS-IP-Address that is not IPv4',
      { ...target, attributes: { ...attributes, nasIp: '::1' } },
      'NAS-IP-Address "::1" is not an IPv4 address',
    ],
    ['a local address of the other family', { ...target, bindAddress: '::1' }, 'cannot reach'],
    // TEST-NET-1: no machine here has it, so binding fails before anything is sent.
    [
      'a local address this machine lacks',
      { ...target, bindAddress: '192.0.2.1' },
      'Could not open a UDP socket on 192.0.2.1 (EADDRNOTAVAIL)',
    ],
  ])('refuses %s with INVALID_INPUT', async (_, input, words) => {
    const error = await operatorErrorOf(sendDisconnect(input));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(words);
  });
});

describe('describeErrorCause', () => {
  it.each([
    [201, 'Residual-Session-Context-Removed'],
    [401, 'Unsupported-Attribute'],
    [402, 'Missing-Attribute'],
    [403, 'NAS-Identification-Mismatch'],
    [404, 'Invalid-Request'],
    [406, 'Unsupported-Extension'],
    [501, 'Administratively-Prohibited'],
    [502, 'Request-Not-Routable'],
    [503, 'Session-Context-Not-Found'],
    [504, 'Session-Context-Not-Removable'],
    [506, 'Resources-Unavailable'],
  ])('names Error-Cause %i %s', (code, name) => {
    expect(describeErrorCause(code)).toBe(name);
  });

  it('keeps the number of a value RFC 5176 does not define', () => {
    expect(describeErrorCause(999)).toBe('Error-Cause 999 (not defined by RFC 5176)');
  });
});

describe('worstCaseWaitMs', () => {
  it('is 7 s for the default 3 tries from 1 s, doubling', () => {
    expect(worstCaseWaitMs(3, 1000)).toBe(7000);
  });
});
