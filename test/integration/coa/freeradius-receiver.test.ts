import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendDisconnect, type DisconnectTarget } from '../../../src-main/nas/coa';
import {
  disconnectSession,
  type DisconnectTarget as SessionRow,
  type NasAccess,
} from '../../../src-main/nas/disconnect';
import { operatorErrorOf } from '../../support/coa-peer/disconnect-fixture';
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
const droppedLine = /^Dropping packet .* invalid Request Authenticator/gm;
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
      framedIp: '100.64.3.17',
      mac: 'AA:BB:CC:00:00:11',
      acctSessionId: alice.acctSessionId,
    };
    const apiSkipped = {
      path: 'routeros-api',
      outcome: 'skipped',
      detail: `RouterOS API: not configured for ${nasIp}`,
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
      };
    }

    it('reports done through CoA when FreeRADIUS ACKs', async () => {
      const report = await disconnectSession(row, access(secret), {}, timing);
      expect(report).toEqual({
        result: 'done',
        path: 'coa',
        attempts: [
          apiSkipped,
          {
            path: 'coa',
            outcome: 'ok',
            detail: `CoA: Disconnect-ACK from ${nasIp}:${receiver.port}`,
          },
        ],
      });
    });

    it('fails with the NAK reason in words when FreeRADIUS does not know the session', async () => {
      const report = await disconnectSession(
        { ...row, acctSessionId: '81a00099' },
        access(secret),
        {},
        timing,
      );
      expect(report).toEqual({
        result: 'failed',
        reason: 'Disconnect failed: CoA: Disconnect-NAK Session-Context-Not-Found (503)',
        attempts: [
          apiSkipped,
          {
            path: 'coa',
            outcome: 'failed',
            detail: 'CoA: Disconnect-NAK Session-Context-Not-Found (503)',
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
      expect(report.result).toBe('failed');
      expect(report.attempts[1]).toMatchObject({ path: 'coa', outcome: 'failed' });
      expect(report.attempts[1]?.detail).toContain(
        `CoA: No reply from ${nasIp}:${receiver.port} after 3 tries`,
      );
    });
  });
});
