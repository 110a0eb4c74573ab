import { describe, expect, it } from 'vitest';
import { disconnectSession, worstCaseDisconnectWaitMs } from '../../../src-main/nas/disconnect';
import { accessTo, alice, closedPort, fastTiming, nasIp, useNas } from './disconnect-fixture';

const remainingIds = (sessions: { id: string }[]) => sessions.map((session) => session.id);
const paths = (report: { attempts: { path: string; outcome: string }[] }) =>
  report.attempts.map((attempt) => [attempt.path, attempt.outcome]);

describe('disconnecting one session: RouterOS API first, CoA as fallback', () => {
  const nas = useNas();

  it('removes the row’s session over the API, not the subscriber’s other one', async () => {
    const api = await nas.routerOs();
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, fastTiming);
    expect(report).toEqual({
      acknowledgedBy: 'routeros-api',
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'ok',
          detail: `RouterOS API: removed alice@fiber (*11) on ${nasIp}`,
          sent: true,
          answered: true,
          failure: null,
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
      acknowledgedBy: 'coa',
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'failed',
          detail: expect.stringContaining(
            `RouterOS API at ${nasIp}:${api.port} refused the login for user "noc"`,
          ),
          sent: false,
          answered: false,
          failure: 'refused',
        },
        {
          path: 'coa',
          outcome: 'ok',
          detail: `CoA: Disconnect-ACK from ${nasIp}:${coa.port}`,
          sent: true,
          answered: true,
          failure: null,
        },
      ],
    });
    expect(remainingIds(api.sessions)).toEqual(['*10', '*11', '*12']);
    expect(coa.received).toHaveLength(1);
    expect(coa.received[0]).toMatchObject({
      authenticatorVerifies: true,
      messageAuthenticator: 'valid',
      userName: 'alice@fiber',
      acctSessionId: '81a00012',
      framedIp: '100.64.3.17',
      nasIp,
    });
  });

  it('lists both reasons when the API port is closed and the NAS NAKs the request', async () => {
    const coa = await nas.coa({ answer: 'nak', errorCause: 503 });
    const access = accessTo({ api: { port: await closedPort() }, coa });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report.acknowledgedBy).toBeNull();
    expect(paths(report)).toEqual([
      ['routeros-api', 'failed'],
      ['coa', 'failed'],
    ]);
    expect(report.attempts[0]).toMatchObject({
      detail: expect.stringMatching(/^RouterOS API at .* refused the connection/),
      failure: 'refused',
    });
    expect(report.attempts[1]).toMatchObject({
      detail: 'CoA: Disconnect-NAK Session-Context-Not-Found (503)',
      answered: true,
      // The NAS has no such session: an open radacct row for it is a ghost.
      failure: 'no-such-session',
    });
  });

  it('says how many tries went unanswered when the CoA port is silent too', async () => {
    const coa = await nas.coa({ answer: 'silent' });
    const access = accessTo({ api: { port: await closedPort() }, coa });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report.attempts[1]).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining(`CoA: No reply from ${nasIp}:${coa.port} after 3 tries`),
      sent: true,
      answered: false,
      failure: 'timed-out',
    });
    expect(coa.received).toHaveLength(3);
  });

  it('sends nothing and says what to set up when neither path is configured', async () => {
    const coa = await nas.coa({ answer: 'ack' });
    const access = accessTo({}, { coaPort: coa.port });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(report).toEqual({
      acknowledgedBy: null,
      attempts: [
        {
          path: 'routeros-api',
          outcome: 'skipped',
          detail: `RouterOS API: not set up for NAS ${nasIp} (no API user in Settings → NAS)`,
          sent: false,
          answered: false,
          failure: null,
        },
        {
          path: 'coa',
          outcome: 'skipped',
          detail: `CoA: not set up for NAS ${nasIp} (no shared secret in Settings → NAS nor in FreeRADIUS's nas table)`,
          sent: false,
          answered: false,
          failure: null,
        },
      ],
    });
    expect(coa.received).toHaveLength(0);
  });

  it('counts a blank API user and CoA secret as not set up', async () => {
    const api = await nas.routerOs();
    const coa = await nas.coa({ answer: 'ack' });
    const access = accessTo({ api, coa }, { apiUser: '', coaSecret: '' });
    const report = await disconnectSession(alice, access, {}, fastTiming);
    expect(paths(report)).toEqual([
      ['routeros-api', 'skipped'],
      ['coa', 'skipped'],
    ]);
    expect(remainingIds(api.sessions)).toEqual(['*10', '*11', '*12']);
    expect(coa.received).toHaveLength(0);
  });

  it('falls back to CoA when the NAS has no API entry matching the row', async () => {
    // The subscriber reconnected into a new session (new session id) that kept the address:
    // the API must not guess; CoA names the session by its Acct-Session-Id and lets the NAS
    // decide.
    const api = await nas.routerOs({
      sessions: [
        {
          id: '*20',
          name: 'alice@fiber',
          address: '100.64.3.17',
          callerId: 'AA:BB:CC:00:00:17',
          sessionId: '0x81A00777',
        },
      ],
    });
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, fastTiming);
    expect(report.acknowledgedBy).toBe('coa');
    expect(report.attempts[0]).toMatchObject({
      path: 'routeros-api',
      outcome: 'failed',
      detail:
        `RouterOS API: 1 active session of alice@fiber on ${nasIp}, none with session id ` +
        '81a00012 / 100.64.3.17 / AA:BB:CC:00:00:17: the row may be stale (the subscriber reconnected)',
      answered: true,
    });
    expect(remainingIds(api.sessions)).toEqual(['*20']);
    expect(coa.received).toHaveLength(1);
  });

  it('falls back to CoA when the API never answers the login', async () => {
    const api = await nas.routerOs({ switches: { silent: true } });
    const coa = await nas.coa({ answer: 'ack' });
    const timing = { ...fastTiming, apiTimeoutMs: 200 };
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, timing);
    expect(report.acknowledgedBy).toBe('coa');
    expect(report.attempts[0]).toMatchObject({
      detail: expect.stringContaining('did not complete the API login within 0.2 s'),
      failure: 'timed-out',
    });
  });

  it('falls back to CoA when the NAS refuses the remove', async () => {
    // The remove may or may not have been carried out; CoA then finds out, and says so.
    const api = await nas.routerOs({ switches: { fatalOn: '/ppp/active/remove' } });
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ api, coa }), {}, fastTiming);
    expect(report.acknowledgedBy).toBe('coa');
    expect(report.attempts[0]).toMatchObject({
      path: 'routeros-api',
      outcome: 'failed',
      sent: true,
    });
    expect(coa.received).toHaveLength(1);
  });

  it('goes straight to CoA when no API user is set', async () => {
    const coa = await nas.coa({ answer: 'ack' });
    const report = await disconnectSession(alice, accessTo({ coa }), {}, fastTiming);
    expect(report.acknowledgedBy).toBe('coa');
    expect(paths(report)).toEqual([
      ['routeros-api', 'skipped'],
      ['coa', 'ok'],
    ]);
  });

  it('bounds the wait with both paths down: three API timeouts, then the CoA budget', () => {
    expect(worstCaseDisconnectWaitMs()).toBe(3 * 5_000 + 7_000);
    expect(worstCaseDisconnectWaitMs(fastTiming)).toBe(3 * 2_000 + 2_000);
  });
});
