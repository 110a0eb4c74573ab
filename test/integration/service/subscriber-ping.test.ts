import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorError } from '../../../src-main/operator-error';
import { pingAddress } from '../../../src-main/ping/ping-address';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, offline, online } from '../../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

// Every address pinged here is loopback: the framed IPs are 127.0.0.x, and the "demo"
// harness maps a CGNAT address to 127.0.0.1 as the demo does.
let database: TestDatabase;
let app: ServiceHarness;
let demo: ServiceHarness;
let onLoopback: string;
let onCgnat: string;
let ended: string;
let noAddress: string;

async function connect(harness: ServiceHarness): Promise<void> {
  const profile = await harness.ok('profiles.save', draftFor(database.profile, 'radius'));
  await harness.ok('profiles.connect', { id: profile.id });
}

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  [onLoopback, onCgnat, ended, noAddress] = (await insertSessions(database.pool(), [
    online({ username: 'alice', ip: '127.0.0.1' }),
    online({ username: 'bob', ip: '100.64.3.7' }),
    offline({ username: 'carol', ip: '127.0.0.3' }),
    online({ username: 'dave', ip: null }),
  ])) as [string, string, string, string];
  app = openServiceHarness();
  demo = openServiceHarness(undefined, { subscribers: { pingTarget: () => '127.0.0.1' } });
  await connect(app);
  await connect(demo);
});

afterAll(async () => {
  await app?.close();
  await demo?.close();
  await database?.drop();
});

describe('ping a session’s framed IP', () => {
  it('pings 127.0.0.1 and reads replies, loss and round-trip times', async () => {
    const report = await app.ok('subscribers.ping', { radacctId: onLoopback });
    expect(report).toMatchObject({
      framedIp: '127.0.0.1',
      target: '127.0.0.1',
      sent: 3,
      received: 3,
      lossPercent: 0,
    });
    expect(report.rtt?.avg).toBeGreaterThanOrEqual(0);
    expect(report.summary).toMatch(/^3\/3 replies, 0% loss, rtt [\d.]+\/[\d.]+\/[\d.]+ ms/);
  });

  it('pings loopback instead of the framed IP when the demo says so', async () => {
    const report = await demo.ok('subscribers.ping', { radacctId: onCgnat });
    expect(report).toMatchObject({ framedIp: '100.64.3.7', target: '127.0.0.1', received: 3 });
  });

  it('does not ping an ended session or one without an address', async () => {
    await expect(app.call('subscribers.ping', { radacctId: ended })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/has ended/) },
    });
    await expect(app.call('subscribers.ping', { radacctId: noAddress })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/no framed IP/) },
    });
  });

  it('refuses anything but an IP literal before running a command', async () => {
    for (const address of ['127.0.0.1; touch /tmp/pwned', '-c 1 127.0.0.1', 'localhost', '']) {
      const error = await pingAddress(address).catch((rejection: unknown) => rejection);
      expect(error, address).toBeInstanceOf(OperatorError);
      expect((error as OperatorError).code).toBe('INVALID_INPUT');
    }
    await expect(
      app.call('subscribers.ping', { radacctId: '1 OR 1=1' } as never),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('says so when this workstation has no ping command', async () => {
    const error = await pingAddress('127.0.0.1', '/nonexistent/ping').catch(
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(OperatorError);
    expect((error as OperatorError).message).toMatch(/no ping command/);
  });
});

describe('subscriber detail through the service', () => {
  it('answers the detail and says not found for a stranger', async () => {
    const detail = await app.ok('subscribers.detail', { username: 'alice' });
    expect(detail.online).toHaveLength(1);
    await expect(app.call('subscribers.detail', { username: 'nobody' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(app.call('subscribers.detail', { username: '  ' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('checks the moment of a who-had question', async () => {
    await expect(
      app.call('subscribers.whoHad', { address: '127.0.0.1', at: 'yesterday' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const result = await app.ok('subscribers.whoHad', {
      address: '127.0.0.1',
      at: '2026-11-21T08:30:00Z',
    });
    expect(result.sessions).toHaveLength(1);
  });
});
