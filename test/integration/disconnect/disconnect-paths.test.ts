import { describe, expect, it } from 'vitest';
import { disconnectSession, worstCaseDisconnectWaitMs } from '../../../src-main/nas/disconnect';
import { accessTo, alice, closedPort, fastTiming, nasIp, useNas } from './disconnect-fixture';

const remainingIds = (sessions: { id: string }[]) => sessions.map((session) => session.id);

describe('disconnecting one session: RouterOS API first, CoA as fallback', () => {
  const nas = useNas();

  it('removes the row’s session over the API, not the subscriber’s other one', async () => {
    const api = await nas.routerOs();
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, fastTiming);
    expect(report).toEqual({
      result: 'done',
      path: 'routeros-api',
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'ok',
          detail: `RouterOS API: removed alice@fiber (*11) on ${nasIp}`,
        },
      ],
    });
    expect(remainingIds(api.sessions)).toEqual(['*10', '*12']);
    expect(coa.received).toHaveLength(0);
  });

  it('falls back to CoA when the API refuses the login, and lists both attempts', async () => {
    const api = await nas.routerOs();
    const coa = await nas.coa({ answer: 'ack' });
    const access = accessTo({ api, coa }, { apiPassword: 'wrong' });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report).toEqual({
      result: 'done',
      path: 'coa',
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'failed',
          detail: expect.stringContaining(
            `RouterOS API at ${nasIp}:${api.port} refused the login for user "noc"`,
          ),
        },
        { path: 'coa', outcome: 'ok', detail: `CoA: Disconnect-ACK from ${nasIp}:${coa.port}` },
      ],
    });
    expect(remainingIds(api.sessions)).toEqual(['*10', '*11', '*12']);
    expect(coa.received).toHaveLength(1);
    expect(coa.received[0]).toMatchObject({
      authenticatorVerifies: true,
      userName: 'alice@fiber',
      acctSessionId: '81a00012',
      framedIp: '100.64.3.17',
      nasIp,
    });
  });

  it('fails with both reasons when the API port is closed and the NAS NAKs the request', async () => {
    const coa = await nas.coa({ answer: 'nak', errorCause: 503 });
    const access = accessTo({ api: { port: await closedPort() }, coa });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report.result).toBe('failed');
    expect(report.attempts.map((attempt) => [attempt.path, attempt.outcome])).toEqual([
      ['routeros-api', 'failed'],
      ['coa', 'failed'],
    ]);
    expect(report.attempts[1]?.detail).toBe('CoA: Disconnect-NAK Session-Context-Not-Found (503)');
    expect(report).toMatchObject({
      reason: expect.stringMatching(
        /^Disconnect failed: RouterOS API at .* refused the connection.*; CoA: Disconnect-NAK Session-Context-Not-Found \(503\)$/,
      ),
    });
  });

  it('says how many tries went unanswered when the CoA port is silent too', async () => {
    const coa = await nas.coa({ answer: 'silent' });
    const access = accessTo({ api: { port: await closedPort() }, coa });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report).toMatchObject({
      result: 'failed',
      reason: expect.stringContaining(`CoA: No reply from ${nasIp}:${coa.port} after 3 tries`),
    });
    expect(coa.received).toHaveLength(3);
  });

  it('sends nothing and says what to set up when neither path is configured', async () => {
    const coa = await nas.coa({ answer: 'ack' });
    const access = accessTo({}, { coaPort: coa.port });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report).toEqual({
      result: 'failed',
      reason:
        `Disconnect failed: no RouterOS API user and no CoA secret for NAS ${nasIp}: ` +
        'add them in Settings → NAS.',
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'skipped',
          detail: `RouterOS API: not configured for ${nasIp}`,
        },
        { path: 'coa', outcome: 'skipped', detail: `CoA: no shared secret set for ${nasIp}` },
      ],
    });
    expect(coa.received).toHaveLength(0);
  });

  it('counts a blank API user and CoA secret as not set up', async () => {
    const api = await nas.routerOs();
    const coa = await nas.coa({ answer: 'ack' });
    const access = accessTo({ api, coa }, { apiUser: '', coaSecret: '' });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report).toMatchObject({
      result: 'failed',
      reason: expect.stringContaining('add them in Settings → NAS'),
    });
    expect(remainingIds(api.sessions)).toEqual(['*10', '*11', '*12']);
    expect(coa.received).toHaveLength(0);
  });

  it('falls back to CoA when the NAS has no API entry matching the row', async () => {
    // The subscriber reconnected with a new address: the row is stale, so the API must not
    // guess; CoA names the session by its Acct-Session-Id and lets the NAS decide.
    const api = await nas.routerOs({
      sessions: [
        { id: '*20', name: 'alice@fiber', address: '100.64.9.9', callerId: 'AA:BB:CC:00:09:09' },
      ],
    });
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, fastTiming);
    expect(report).toMatchObject({ result: 'done', path: 'coa' });
    expect(report.attempts[0]).toEqual({
      path: 'routeros-api',
      outcome: 'failed',
      detail:
        `RouterOS API: 1 active session of alice@fiber on ${nasIp}, none with ` +
        '100.64.3.17 / AA:BB:CC:00:00:17: the row may be stale (the subscriber reconnected)',
    });
    expect(remainingIds(api.sessions)).toEqual(['*20']);
    expect(coa.received).toHaveLength(1);
  });

  it('falls back to CoA when the API never answers the login', async () => {
    const api = await nas.routerOs({ switches: { silent: true } });
    const coa = await nas.coa({ answer: 'ack' });
    const timing = { ...fastTiming, apiTimeoutMs: 200 };
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, timing);
    expect(report).toMatchObject({ result: 'done', path: 'coa' });
    expect(report.attempts[0]?.detail).toContain('did not complete the API login within 0.2 s');
  });

  it('falls back to CoA when the NAS refuses the remove', async () => {
    // The remove may or may not have been carried out; CoA then finds out, and says so.
    const api = await nas.routerOs({ switches: { fatalOn: '/ppp/active/remove' } });
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, fastTiming);
    expect(report).toMatchObject({ result: 'done', path: 'coa' });
    expect(report.attempts[0]).toMatchObject({ path: 'routeros-api', outcome: 'failed' });
    expect(coa.received).toHaveLength(1);
  });

  it('goes straight to CoA when no API user is set', async () => {
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ coa }), {}, fastTiming);
    expect(report).toEqual({
      result: 'done',
      path: 'coa',
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'skipped',
          detail: `RouterOS API: not configured for ${nasIp}`,
        },
        { path: 'coa', outcome: 'ok', detail: `CoA: Disconnect-ACK from ${nasIp}:${coa.port}` },
      ],
    });
  });

  it('bounds the wait with both paths down: three API timeouts, then the CoA budget', () => {
    expect(worstCaseDisconnectWaitMs()).toBe(3 * 5_000 + 7_000);
    expect(worstCaseDisconnectWaitMs(fastTiming)).toBe(3 * 2_000 + 2_000);
  });
});
