// Disconnecting a session that has no IPv4 (RFC 5176 §3): the Disconnect-Request identifies
// it by User-Name, Acct-Session-Id, NAS-IP-Address and its Framed-IPv6-Prefix, and FreeRADIUS
// 3.2 as the NAS decodes the prefix and matches it. A dual-stack session is sent as before,
// with Framed-IP-Address and without the prefix.
import radius from 'radius';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDisconnectRequest } from '../../../src-main/nas/coa/disconnect-packet';
import {
  disconnectSession,
  type DisconnectTarget as SessionRow,
  type NasAccess,
} from '../../../src-main/nas/disconnect';
import {
  startFreeradiusReceiver,
  type FreeradiusReceiver,
} from '../../support/freeradius/disconnect-receiver';
import { hasFreeradius } from '../../support/freeradius/freeradius-binaries';

const nasIp = '127.0.10.41';
const secret = 'noc-coa-secret';
const nina = {
  userName: 'nina@fiber',
  acctSessionId: '81a00061',
  framedIpv6Prefix: '2001:db8:bb10:6100::/64',
};

const row: SessionRow = {
  radacctId: '61',
  username: nina.userName,
  nasIp,
  nasName: null,
  framedIp: null,
  framedIpv6Prefix: nina.framedIpv6Prefix,
  mac: 'AA:BB:CC:00:00:61',
  acctSessionId: nina.acctSessionId,
};

describe('the Disconnect-Request of a session without IPv4', () => {
  const attributesOf = (packet: Buffer): Record<string, unknown> =>
    radius.decode_without_secret({ packet }).attributes as Record<string, unknown>;
  const base = { userName: 'u', acctSessionId: 's', nasIp };

  it('carries the WAN prefix as Framed-IPv6-Prefix, the bits past its length zero', () => {
    const packet = encodeDisconnectRequest(
      { ...base, framedIp: null, framedIpv6Prefix: '2001:db8:bb10:61ff::/56' },
      secret,
      new Date(),
    );
    const raw = radius.decode_without_secret({ packet }).raw_attributes as [number, Buffer][];
    const prefix = raw.find(([type]) => type === 97)?.[1];
    expect(prefix?.toString('hex')).toBe('003820010db8bb1061');
    expect(attributesOf(packet)['Framed-IP-Address']).toBeUndefined();
  });

  it('is refused before sending when the prefix is not one', async () => {
    const report = await disconnectSession(
      { ...row, framedIpv6Prefix: '2001:db8::zz/64' },
      access(9),
      {},
      timing,
    );
    expect(report.attempts[1]).toMatchObject({ path: 'coa', outcome: 'failed', sent: false });
    expect(report.attempts[1]?.detail).toContain('is not an IPv6 prefix');
  });
});

/** An attribute line of a request as FreeRADIUS -X prints it (not its unlang conditions). */
const received = (line: string): RegExp =>
  new RegExp(`^\\(\\d+\\)\\s+${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm');

const timing = { apiTimeoutMs: 1000, coaTries: 3, coaFirstWaitMs: 500 };

function access(coaPort: number): NasAccess {
  return {
    apiUser: null,
    apiPassword: null,
    apiPort: 8728,
    apiTls: false,
    coaPort,
    coaSecret: secret,
    requireMessageAuthenticator: false,
  };
}

describe.skipIf(!hasFreeradius)('FreeRADIUS 3.2 as the NAS of an IPv6-only session', () => {
  let receiver: FreeradiusReceiver;
  beforeAll(async () => {
    receiver = await startFreeradiusReceiver({ address: nasIp, secret, knownSession: nina });
  });
  afterAll(async () => {
    await receiver?.stop();
  });

  it('ACKs the session identified by its Framed-IPv6-Prefix', async () => {
    const logStart = receiver.output().length;
    const report = await disconnectSession(row, access(receiver.port), {}, timing);
    expect(report.acknowledgedBy).toBe('coa');
    const log = receiver.output().slice(logStart);
    expect(log).toMatch(received('Framed-IPv6-Prefix = 2001:db8:bb10:6100::/64'));
    expect(log).not.toMatch(received('Framed-IP-Address = '));
  });

  it('NAKs another prefix: the prefix is what the NAS matched', async () => {
    const report = await disconnectSession(
      { ...row, framedIpv6Prefix: '2001:db8:bb10:6200::/64' },
      access(receiver.port),
      {},
      timing,
    );
    expect(report.acknowledgedBy).toBeNull();
    expect(report.attempts[1]?.detail).toBe('CoA: Disconnect-NAK Session-Context-Not-Found (503)');
  });

  it('sends a dual-stack session with its Framed-IP-Address and without the prefix', async () => {
    const logStart = receiver.output().length;
    await disconnectSession({ ...row, framedIp: '100.64.6.1' }, access(receiver.port), {}, timing);
    const log = receiver.output().slice(logStart);
    expect(log).toMatch(received('Framed-IP-Address = 100.64.6.1'));
    expect(log).not.toMatch(received('Framed-IPv6-Prefix = '));
  });
});
