import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAccountingStop } from '../../support/accounting-stop';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { nocCredentials } from '../../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../../support/routeros-peer/routeros-peer';
import { selfSignedCertificate } from '../../support/self-signed-certificate';
import { insertSessions, online } from '../../support/seed';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { quickDisconnects } from './disconnect-fixture';

// bng-south serves API-SSL with a self-signed certificate; nothing listens for CoA there.
const nasIp = '127.0.10.31';
const folder = mkdtempSync(join(tmpdir(), 'session-desk-pinning-'));
const certificate = selfSignedCertificate(folder, 'bng-south');
const rekeyed = selfSignedCertificate(folder, 'bng-south-rekeyed');

let database: TestDatabase;
let app: ServiceHarness;
let routerOs: RouterOsPeer;

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  app = await connectedHarness(database, { disconnect: quickDisconnects });
  routerOs = await startRouterOsPeer({
    credentials: nocCredentials,
    host: nasIp,
    tls: certificate,
  });
});

afterAll(async () => {
  await routerOs?.close();
  await app?.close();
  await database?.drop();
  rmSync(folder, { recursive: true, force: true });
});

const saveTlsAccess = (apiTlsFingerprint: string | null) =>
  app.ok(
    'nasAccess.save',
    nasAccessDraft({
      nasIp,
      apiUser: nocCredentials.user,
      apiPassword: nocCredentials.password,
      apiPort: routerOs.port,
      apiTls: true,
      apiTlsFingerprint,
    }),
  );

describe('API-SSL with a pinned certificate, through the service', () => {
  it('Test NAS names the untrusted certificate, then logs in once it is pinned', async () => {
    await saveTlsAccess('');
    const untrusted = await app.ok('nasAccess.test', { nasIp });
    expect(untrusted.api).toMatchObject({
      outcome: 'failed',
      certificate: {
        fingerprint: certificate.fingerprint,
        subject: 'CN=bng-south',
        trusted: 'untrusted',
      },
    });
    expect(untrusted.api.detail).toContain(`SHA-256 ${certificate.fingerprint}. Test NAS shows it`);

    // Pasted as RouterOS prints it: bare lower-case hex.
    const saved = await saveTlsAccess(certificate.fingerprint.replaceAll(':', '').toLowerCase());
    expect(saved.apiTlsFingerprint).toBe(certificate.fingerprint);
    const pinned = await app.ok('nasAccess.test', { nasIp });
    expect(pinned.api).toMatchObject({ outcome: 'ok', certificate: { trusted: 'pinned' } });
    expect(pinned.api.detail).toBe(
      `Logged in as noc on port ${routerOs.port} (TLS, pinned certificate).`,
    );
  });

  it('disconnects a session over API-SSL with the pin, and refuses a re-keyed NAS', async () => {
    await saveTlsAccess(certificate.fingerprint);
    const [id] = await insertSessions(database.pool(), [
      online({ username: 'carol@fiber', nas: nasIp, ip: '100.64.3.31', sessionId: '8c0a0031' }),
    ]);
    routerOs.sessions = [{ id: '*31', name: 'carol@fiber', address: '100.64.3.31', callerId: '' }];

    const disconnecting = app.ok('nas.disconnect', { radacctId: id! });
    // The BNG's Accounting-Stop, once the API has removed the session.
    await routerOs.received('/ppp/active/remove');
    await writeAccountingStop(database.pool(), '8c0a0031');
    const outcome = await disconnecting;
    expect(outcome).toMatchObject({ result: 'done', path: 'routeros-api' });
    expect(routerOs.sessions).toEqual([]);

    // A pin that is not what the NAS presents, as after a re-key: refused, with both.
    await saveTlsAccess(rekeyed.fingerprint);
    const [second] = await insertSessions(database.pool(), [
      online({ username: 'dave@fiber', nas: nasIp, ip: '100.64.3.32' }),
    ]);
    const refused = await app.ok('nas.disconnect', { radacctId: second! });
    expect(refused.result).toBe('failed');
    expect(refused.attempts[0]).toMatchObject({ path: 'routeros-api', outcome: 'failed' });
    expect(refused.attempts[0]?.detail).toContain(
      `presented certificate SHA-256 ${certificate.fingerprint} but the pinned one is ` +
        `${rekeyed.fingerprint}: the certificate changed`,
    );
  });
});
