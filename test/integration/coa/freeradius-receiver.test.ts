import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeDisconnectRequest } from '../../../src-main/nas/coa/disconnect-packet';
import { sendDisconnect, type DisconnectTarget } from '../../../src-main/nas/coa';
import {
  disconnectSession,
  type DisconnectTarget as SessionRow,
  type NasAccess,
} from '../../../src-main/nas/disconnect';
import { operatorErrorOf } from '../../support/coa-peer/disconnect-fixture';
import { signedInTheWrongOrder } from '../../support/coa-peer/wrongly-signed';
import {
  startFreeradiusReceiver,
  type FreeradiusReceiver,
} from '../../support/freeradius/disconnect-receiver';
import { hasFreeradius, hasRadclient } from '../../support/freeradius/freeradius-binaries';
import { radclientDisconnect } from '../../support/freeradius/radclient';

const nasIp = '127.0.10.40';
const secret = 'noc-coa-secret';
const alice = { userName: 'alice@fiber', acctSessionId: '81a00012' };
// Roomy, because -X FreeRADIUS is single-threaded and verbose; an answer ends the wait early.
const answeredWaitMs = 500;
// For the drop: the whole budget is spent, so keep it small (50 + 100 + 200 ms).
const droppedWaitMs = 50;

// What FreeRADIUS -X prints for each transmission of a request it cannot verify: the first is
// dropped, and the identical retransmissions are ignored as duplicates of that dropped one.
const receivedLine = /^\(\d+\) Received Disconnect-Request Id/gm;
// Every request carries a Message-Authenticator: a wrong secret fails that check first. The
// first transmission is dropped, and the identical retransmissions are ignored as duplicates
// of that dropped one.
const droppedLine = /^Dropping packet .* invalid Message-Authenticator/gm;
const duplicateLine = /^\(\d+\) Ignoring duplicate packet/gm;
const sentLine = /^\(\d+\) Sent Disconnect-/m;

describe.skipIf(!hasFreeradius)('FreeRADIUS 3.2 as the NAS: a real Disconnect receiver', () => {
  let receiver: FreeradiusReceiver;
  beforeAll(async () => {
    receiver = await startFreeradiusReceiver({ address: nasIp, secret, knownSession: alice });
  });
  afterAll(async () => {
    await receiver?.stop();
  });

  const count = (log: string, line: RegExp): number => log.match(line)?.length ?? 0;

  function targetFor(
    session: { userName: string; acctSessionId: string },
    overrides: Partial<DisconnectTarget> = {},
  ): DisconnectTarget {
    return {
      nasAddress: receiver.address,
      port: receiver.port,
      secret,
      attributes: { ...session, framedIp: '100.64.3.17', nasIp },
      tries: 3,
      firstWaitMs: answeredWaitMs,
      ...overrides,
    };
  }

  describe('the receiver itself, checked with radclient', () => {
    it.skipIf(!hasRadclient)('ACKs the known session', async () => {
      const printed = await radclientDisconnect(receiver, secret, {
        'User-Name': `"${alice.userName}"`,
        'Acct-Session-Id': `"${alice.acctSessionId}"`,
      });
      expect(printed).toContain('Received Disconnect-ACK');
    });

    it.skipIf(!hasRadclient)('NAKs any other session with Session-Context-Not-Found', async () => {
      const printed = await radclientDisconnect(receiver, secret, {
        'User-Name': '"bob@fiber"',
        'Acct-Session-Id': '"81a00099"',
      });
      expect(printed).toContain('Received Disconnect-NAK');
      expect(printed).toContain('Error-Cause = Session-Context-Not-Found');
    });
  });

  describe('sendDisconnect', () => {
    it('resolves with ack for the session FreeRADIUS knows', async () => {
      await expect(sendDisconnect(targetFor(alice))).resolves.toEqual({ kind: 'ack' });
    });

    it("decodes FreeRADIUS's Disconnect-NAK Error-Cause 503 into its RFC 5176 name", async () => {
      const bob = { userName: 'bob@fiber', acctSessionId: '81a00099' };
      await expect(sendDisconnect(targetFor(bob))).resolves.toEqual({
        kind: 'nak',
        errorCause: 503,
        reason: 'Session-Context-Not-Found',
      });
    });

    it('reports a wrong shared secret as no answer after 3 tries, which FreeRADIUS dropped', async () => {
      const logStart = receiver.output().length;
      const target = targetFor(alice, { secret: 'not-the-nas-secret', firstWaitMs: droppedWaitMs });
      const error = await operatorErrorOf(sendDisconnect(target));

      expect(error.code).toBe('NAS_UNREACHABLE');
      expect(error.message).toContain(
        `No reply from ${nasIp}:${receiver.port} after 3 tries (0.35 s): check the CoA port, the shared secret`,
      );
      expect(error.details).toMatchObject({ tries: 3, unverifiedReplies: 0 });
      // All three transmissions reached FreeRADIUS, and it answered none of them.
      await vi.waitFor(() => {
        const log = receiver.output().slice(logStart);
        expect(count(log, receivedLine) + count(log, duplicateLine)).toBe(3);
        expect(count(log, droppedLine)).toBe(count(log, receivedLine));
        expect(log).not.toMatch(sentLine);
      });
    });
  });

  describe('disconnectSession with no API user: the CoA fallback', () => {
    const row: SessionRow = {
      radacctId: '1',
      username: alice.userName,
      nasIp,
      nasName: null,
      framedIp: '100.64.3.17',
      mac: 'AA:BB:CC:00:00:11',
      acctSessionId: alice.acctSessionId,
    };
    const apiSkipped = {
      path: 'routeros-api',
      outcome: 'skipped',
      detail: `RouterOS API: not set up for NAS ${nasIp} (no API user in Settings → NAS)`,
      sent: false,
      answered: false,
      failure: null,
    };
    const timing = { apiTimeoutMs: 1000, coaTries: 3, coaFirstWaitMs: answeredWaitMs };

    function access(coaSecret: string): NasAccess {
      return {
        apiUser: null,
        apiPassword: null,
        apiPort: 8728,
        apiTls: false,
        coaPort: receiver.port,
        coaSecret,
        requireMessageAuthenticator: false,
      };
    }

    it('reports the CoA acknowledged when FreeRADIUS ACKs', async () => {
      const report = await disconnectSession(row, access(secret), {}, timing);
      expect(report).toEqual({
        acknowledgedBy: 'coa',
        attempts: [
          apiSkipped,
          {
            path: 'coa',
            outcome: 'ok',
            detail: `CoA: Disconnect-ACK from ${nasIp}:${receiver.port}`,
            sent: true,
            answered: true,
            failure: null,
          },
        ],
      });
    });

    it('gives the NAK reason in words when FreeRADIUS does not know the session', async () => {
      const report = await disconnectSession(
        { ...row, acctSessionId: '81a00099' },
        access(secret),
        {},
        timing,
      );
      expect(report).toEqual({
        acknowledgedBy: null,
        attempts: [
          apiSkipped,
          {
            path: 'coa',
            outcome: 'failed',
            detail: 'CoA: Disconnect-NAK Session-Context-Not-Found (503)',
            sent: true,
            answered: true,
            failure: 'no-such-session',
          },
        ],
      });
    });

    it('fails, never succeeds, when the shared secret is wrong', async () => {
      const report = await disconnectSession(
        row,
        access('not-the-nas-secret'),
        {},
        {
          ...timing,
          coaFirstWaitMs: droppedWaitMs,
        },
      );
      expect(report.acknowledgedBy).toBeNull();
      expect(report.attempts[1]).toMatchObject({ path: 'coa', outcome: 'failed' });
      expect(report.attempts[1]?.detail).toContain(
        `CoA: No reply from ${nasIp}:${receiver.port} after 3 tries`,
      );
    });
  });

  describe('a Message-Authenticator FreeRADIUS checks', () => {
    it('is refused when replies must carry one and FreeRADIUS sends none', async () => {
      const error = await operatorErrorOf(
        sendDisconnect(
          targetFor(alice, { requireMessageAuthenticator: true, firstWaitMs: droppedWaitMs }),
        ),
      );
      expect(error.code).toBe('NAS_REJECTED');
      expect(error.message).toContain('carried no Message-Authenticator');
    });
  });
});

describe.skipIf(!hasFreeradius)(
  'FreeRADIUS 3.2 requiring Message-Authenticator (require_message_authenticator = yes)',
  () => {
    const hardenedIp = '127.0.10.41';
    let hardened: FreeradiusReceiver;
    beforeAll(async () => {
      hardened = await startFreeradiusReceiver({
        address: hardenedIp,
        secret,
        knownSession: alice,
        requireMessageAuthenticator: true,
        signReplies: true,
      });
    });
    afterAll(async () => {
      await hardened?.stop();
    });

    const target = (overrides: Partial<DisconnectTarget> = {}): DisconnectTarget => ({
      nasAddress: hardened.address,
      port: hardened.port,
      secret,
      attributes: { ...alice, framedIp: '100.64.3.17', nasIp: hardenedIp },
      tries: 3,
      firstWaitMs: answeredWaitMs,
      ...overrides,
    });

    it('accepts our Disconnect-Request, and we accept its signed ACK when we require one', async () => {
      await expect(sendDisconnect(target({ requireMessageAuthenticator: true }))).resolves.toEqual({
        kind: 'ack',
      });
      expect(hardened.output()).toMatch(/^\(\d+\)\s+Message-Authenticator = 0x/m);
    });

    it.skipIf(!hasRadclient)('drops a request without one (radclient, no attribute)', async () => {
      const printed = await radclientDisconnect(hardened, secret, {
        'User-Name': `"${alice.userName}"`,
        'Acct-Session-Id': `"${alice.acctSessionId}"`,
      });
      expect(printed).toMatch(/No reply/);
      expect(hardened.output()).toContain('does not contain required Message-Authenticator');
    });

    it('drops a request whose Message-Authenticator was computed in the wrong order', async () => {
      const logStart = hardened.output().length;
      const packet = signedInTheWrongOrder(
        encodeDisconnectRequest(
          { ...alice, framedIp: null, nasIp: hardenedIp },
          secret,
          new Date(),
        ),
        secret,
      );
      const replies = await sendRaw(packet, hardened);
      expect(replies).toBe(0);
      await vi.waitFor(() =>
        expect(hardened.output().slice(logStart)).toMatch(/invalid Message-Authenticator/),
      );
    });
  },
);

/** Sends one datagram and counts the replies heard within a second. */
async function sendRaw(packet: Buffer, to: { address: string; port: number }): Promise<number> {
  const socket = createSocket('udp4');
  let replies = 0;
  socket.on('message', () => (replies += 1));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.send(packet, to.port, to.address);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  socket.close();
  return replies;
}
