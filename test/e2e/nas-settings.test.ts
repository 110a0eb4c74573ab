import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { auditEntry } from '../support/audit-entry';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { startCoaPeer, type CoaPeer } from '../support/coa-peer/coa-peer';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { nocCredentials } from '../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../support/routeros-peer/routeros-peer';
import {
  selfSignedCertificate,
  type SelfSignedCertificate,
} from '../support/self-signed-certificate';
import { draftFor } from '../support/service-harness';

// Two NAS in FreeRADIUS's nas table: bng-east with a CoA secret (the page lists it by
// itself), bng-west with none (the operator picks it from the database's NAS). bng-west is
// simulated on loopback by a RouterOS API peer and a CoA peer on the same address.
const eastIp = '127.0.10.21';
const westIp = '127.0.10.22';
/** bng-south serves API-SSL with a self-signed certificate, as RouterOS does out of the box. */
const southIp = '127.0.10.23';
const eastRadiusSecret = 'east-radius-secret-4d1c';
const westCoaSecret = 'west-coa-secret-9a7e';
/** Unique enough to be found in a page dump only if it leaked. */
const westApiPassword = nocCredentials.password;
const auditSeeded = 130;

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;
let routerOs: RouterOsPeer;
let coa: CoaPeer;
let southTls: RouterOsPeer;
let southCertificate: SelfSignedCertificate;
const certificateFolder = mkdtempSync(join(tmpdir(), 'session-desk-e2e-tls-'));
let profileId: number;

/** Everything the page holds as text: the DOM, what is rendered, and every field's value. */
async function everythingOnPage(): Promise<string> {
  const fieldValues = await page.evaluate(() =>
    [...document.querySelectorAll('input')].map((input) => input.value).join('\n'),
  );
  const rendered = await page.evaluate(() => document.body.innerText);
  return [await page.content(), rendered, fieldValues].join('\n');
}

describe.skipIf(!hasChromium)('NAS settings and audit log in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock' });
    await db.pool().query(
      `INSERT INTO nas (nasname, shortname, secret) VALUES
         ($1, 'bng-east', $2), ($3, 'bng-west', '')`,
      [eastIp, eastRadiusSecret, westIp],
    );
    routerOs = await startRouterOsPeer({ credentials: nocCredentials, host: westIp });
    coa = await startCoaPeer({
      address: westIp,
      secret: westCoaSecret,
      // What a NAS answers for a session it does not have: 503 Session-Context-Not-Found.
      behaviour: { answer: 'nak', errorCause: 503 },
    });
    southCertificate = selfSignedCertificate(certificateFolder, 'bng-south');
    southTls = await startRouterOsPeer({
      credentials: nocCredentials,
      host: southIp,
      tls: southCertificate,
    });
    app = await startAppServer();
    const profile = await app.harness.ok('profiles.save', draftFor(db.profile, 'Core RADIUS'));
    profileId = profile.id;
    await app.harness.ok('profiles.connect', { id: profileId });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await routerOs?.close();
    await coa?.close();
    await southTls?.close();
    rmSync(certificateFolder, { recursive: true, force: true });
    await db?.drop();
  });

  it('opens the NAS page from the top bar and lists the NAS FreeRADIUS has a secret for', async () => {
    await page.goto(app.server.url);
    await page.getByTestId('nav-sessions').waitFor();
    expect(await page.getByTestId('nav-sessions').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('nav-nas').click();
    expect(await page.getByTestId('nav-nas').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByTestId('nas-list-item').allTextContents()).toHaveLength(1);
    const east = page.getByTestId('nas-list-item').first();
    expect(await east.textContent()).toMatch(
      /bng-east.*127\.0\.10\.21.*CoA secret from FreeRADIUS/,
    );
    await east.click();
    await expect
      .poll(() => page.getByTestId('nas-coa-secret-state').textContent())
      .toBe('from FreeRADIUS nas table');
    expect(await page.getByTestId('nas-api-password-state').textContent()).toBe('not set');
    expect(await everythingOnPage()).not.toContain(eastRadiusSecret);
    await snapshot(page, 'nas-01-list-from-freeradius');
  });

  it('refuses to add a NAS by something that is not an address', async () => {
    await page.getByTestId('nas-add-address').fill('bng west');
    await page.getByTestId('nas-add-confirm').click();
    expect(await page.getByTestId('nas-add-problem').textContent()).toMatch(/not a NAS address/);
  });

  it('saves credentials for a NAS picked from the database; secrets only show as "set"', async () => {
    await page.getByTestId('nas-add-address').fill('');
    await page.getByTestId('nas-add-known').selectOption(westIp);
    await expect.poll(() => page.getByTestId('nas-form').textContent()).toContain(westIp);
    expect(await page.getByTestId('nas-api-port').inputValue()).toBe('8728');
    const westItem = page.locator(`[data-testid="nas-list-item"][data-nas-ip="${westIp}"]`);
    expect(await westItem.textContent()).toContain('not saved yet');
    expect(await page.getByTestId('nas-add-problem').count()).toBe(0);

    // Ticking TLS suggests API-SSL's port while the port is still the plain default.
    await page.getByTestId('nas-api-tls').check();
    expect(await page.getByTestId('nas-api-port').inputValue()).toBe('8729');
    await page.getByTestId('nas-api-tls').uncheck();
    expect(await page.getByTestId('nas-api-port').inputValue()).toBe('8728');

    await page.getByTestId('nas-api-user').fill(nocCredentials.user);
    await page.getByTestId('nas-api-password').fill(westApiPassword);
    await page.getByTestId('nas-api-port').fill(String(routerOs.port));
    await page.getByTestId('nas-coa-port').fill(String(coa.port));
    await page.getByTestId('nas-coa-secret').fill(westCoaSecret);
    await snapshot(page, 'nas-02-typing-credentials');
    await page.getByTestId('nas-save').click();

    await expect.poll(() => page.getByTestId('nas-notice').textContent()).toMatch(/Saved/);
    expect(await westItem.textContent()).toMatch(/API noc · CoA secret set/);
    expect(await page.getByTestId('nas-api-password-state').textContent()).toBe('set');
    expect(await page.getByTestId('nas-coa-secret-state').textContent()).toBe('set');
    const onPage = await everythingOnPage();
    expect(onPage).not.toContain(westApiPassword);
    expect(onPage).not.toContain(westCoaSecret);

    // Stored in main, not only in this page: a reload shows the same.
    await page.reload();
    await page.getByTestId('nav-nas').click();
    await page.locator(`[data-testid="nas-list-item"][data-nas-ip="${westIp}"]`).click();
    await expect.poll(() => page.getByTestId('nas-api-password-state').textContent()).toBe('set');
    expect(await page.getByTestId('nas-api-user').inputValue()).toBe(nocCredentials.user);
    expect(await page.getByTestId('nas-api-port').inputValue()).toBe(String(routerOs.port));
    expect(await page.getByTestId('nas-coa-secret-state').textContent()).toBe('set');
    expect(await everythingOnPage()).not.toContain(westApiPassword);
    await snapshot(page, 'nas-03-saved');
  });

  it('Test NAS: the API login and the CoA port both answer', async () => {
    // A slow API login keeps the test busy long enough to see it say so.
    routerOs.switches.slowMs = 1_000;
    await page.getByTestId('nas-test').click();
    await page.getByTestId('nas-test-busy').waitFor();
    expect(await page.getByTestId('nas-test').textContent()).toMatch(/Testing/);
    expect(await page.getByTestId('nas-test').isDisabled()).toBe(true);
    await snapshot(page, 'nas-04-testing');
    await page.getByTestId('nas-test-result').waitFor({ timeout: 20_000 });
    routerOs.switches.slowMs = 0;

    const api = page.getByTestId('nas-test-api');
    const coaLine = page.getByTestId('nas-test-coa');
    expect(await api.getAttribute('data-outcome')).toBe('ok');
    expect(await api.textContent()).toMatch(/Logged in as noc/);
    expect(await coaLine.getAttribute('data-outcome')).toBe('ok');
    expect(await coaLine.textContent()).toMatch(/secret matches/);
    expect(await page.getByTestId('nas-test-busy').count()).toBe(0);
    await snapshot(page, 'nas-05-test-ok');
  });

  it('Test NAS with a wrong API password says the login failed, in words', async () => {
    await page.getByTestId('nas-api-password').fill('not-the-password');
    expect(await page.getByTestId('nas-test').textContent()).toMatch(/Save & test NAS/);
    await page.getByTestId('nas-test').click();
    await expect
      .poll(() => page.getByTestId('nas-test-api').getAttribute('data-outcome'), {
        timeout: 20_000,
      })
      .toBe('failed');
    const words = (await page.getByTestId('nas-test-api').textContent()) ?? '';
    expect(words).toMatch(/failed/);
    expect(words).toMatch(/[a-z]{3,} [a-z]{3,} [a-z]{3,}/i);
    expect(await page.getByTestId('nas-test-coa').getAttribute('data-outcome')).toBe('ok');
    expect(await everythingOnPage()).not.toContain('not-the-password');
    await snapshot(page, 'nas-06-test-wrong-password');
  });

  it('clears one stored secret and keeps the other', async () => {
    await page.getByTestId('nas-clear-coa-secret').check();
    await page.getByTestId('nas-save').click();
    await expect.poll(() => page.getByTestId('nas-coa-secret-state').textContent()).toBe('not set');
    expect(await page.getByTestId('nas-api-password-state').textContent()).toBe('set');
  });

  it('a new API port warns that the stored password stays behind; saving clears it', async () => {
    const port = page.getByTestId('nas-api-port');
    const staysBehind = page.getByTestId('nas-api-password-stays-behind');
    const typedFor = await port.inputValue();
    await port.fill('18728');
    await staysBehind.waitFor();
    expect(await page.getByTestId('nas-api-password').getAttribute('placeholder')).toMatch(
      /type it again/,
    );
    await snapshot(page, 'nas-06b-password-stays-behind');
    await port.fill(typedFor);
    expect(await staysBehind.count()).toBe(0);
    await port.fill('18728');
    await page.getByTestId('nas-save').click();
    await expect
      .poll(() => page.getByTestId('nas-api-password-state').textContent())
      .toBe('not set');
    expect(await page.getByTestId('nas-notice').textContent()).toMatch(
      /stored API password was cleared/,
    );
    expect(app.harness.store.nasAccess.get(profileId, westIp)?.apiPassword).toBeNull();
  });

  it('deletes what is stored for a NAS', async () => {
    await page.getByTestId('nas-delete').click();
    await page.getByTestId('nas-delete-confirm').click();
    // bng-west has no FreeRADIUS secret, so nothing keeps it on the page.
    await expect
      .poll(() => page.getByTestId('nas-list-item').evaluateAll((items) => items.length))
      .toBe(1);
    expect(await page.getByTestId('nas-list-item').first().getAttribute('data-nas-ip')).toBe(
      eastIp,
    );
    expect(app.harness.store.nasAccess.list(profileId)).toEqual([]);
  });

  it('Test NAS over API-SSL shows the self-signed certificate; trusting it makes the login work', async () => {
    await page.getByTestId('nas-add-address').fill(southIp);
    await page.getByTestId('nas-add-confirm').click();
    await expect.poll(() => page.getByTestId('nas-form').textContent()).toContain(southIp);
    await page.getByTestId('nas-api-user').fill(nocCredentials.user);
    await page.getByTestId('nas-api-password').fill(nocCredentials.password);
    await page.getByTestId('nas-api-tls').check();
    expect(await page.getByTestId('nas-pin-none').textContent()).toMatch(/No certificate pinned/);
    await page.getByTestId('nas-api-port').fill(String(southTls.port));
    await page.getByTestId('nas-test').click();

    const api = page.getByTestId('nas-test-api');
    await expect.poll(() => api.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('failed');
    expect(await api.textContent()).toContain(
      `does not trust (DEPTH_ZERO_SELF_SIGNED_CERT), SHA-256 ${southCertificate.fingerprint}`,
    );
    const certificate = page.getByTestId('nas-test-certificate');
    expect(await certificate.getAttribute('data-trusted')).toBe('untrusted');
    expect(await page.getByTestId('nas-test-fingerprint').textContent()).toBe(
      southCertificate.fingerprint,
    );
    expect(await certificate.textContent()).toContain('CN=bng-south');
    await snapshot(page, 'nas-08-tls-untrusted');

    await page.getByTestId('nas-trust-certificate').click();
    await expect
      .poll(() => page.getByTestId('nas-test-api').getAttribute('data-outcome'), {
        timeout: 20_000,
      })
      .toBe('ok');
    expect(await page.getByTestId('nas-test-api').textContent()).toMatch(
      /Logged in as noc .*\(TLS, pinned certificate\)/,
    );
    expect(await page.getByTestId('nas-test-certificate').getAttribute('data-trusted')).toBe(
      'pinned',
    );
    expect(await page.getByTestId('nas-trust-certificate').count()).toBe(0);
    expect(await page.getByTestId('nas-pin-fingerprint').textContent()).toBe(
      southCertificate.fingerprint,
    );
    expect(await page.getByTestId('nas-notice').textContent()).toMatch(/Trusted the certificate/);
    expect(app.harness.store.nasAccess.get(profileId, southIp)?.apiTlsFingerprint).toBe(
      southCertificate.fingerprint,
    );
    expect(await everythingOnPage()).not.toContain(nocCredentials.password);
    await snapshot(page, 'nas-09-tls-pinned');

    // Still pinned after a reload: it is stored in main, and shown (it is not a secret).
    await page.reload();
    await page.getByTestId('nav-nas').click();
    await page.locator(`[data-testid="nas-list-item"][data-nas-ip="${southIp}"]`).click();
    await expect
      .poll(() => page.getByTestId('nas-pin-fingerprint').textContent())
      .toBe(southCertificate.fingerprint);

    await page.getByTestId('nas-pin-forget').click();
    await page.getByTestId('nas-pin-none').waitFor();
    expect(await page.getByTestId('nas-notice').textContent()).toMatch(/Forgot the pinned/);
    expect(app.harness.store.nasAccess.get(profileId, southIp)?.apiTlsFingerprint).toBeNull();
    await snapshot(page, 'nas-10-tls-pin-forgotten');
  });

  it('shows the audit log newest first, pages to older entries and refreshes', async () => {
    for (let i = 1; i <= auditSeeded; i += 1) {
      app.harness.store.audit.record(
        profileId,
        auditEntry({
          at: new Date(Date.UTC(2026, 10, 21, 2, 0, i)).toISOString(),
          username: `user${String(i).padStart(3, '0')}@isp.example`,
          acctSessionId: `81a0${String(i).padStart(4, '0')}`,
          ...(i % 10 === 0
            ? {
                path: 'coa',
                result: 'still-online',
                detail: 'NAS acknowledged, session still open after 10 s.',
              }
            : {}),
          ...(i % 17 === 0
            ? {
                path: null,
                result: 'failed',
                detail: 'Disconnect failed: NAS 127.0.10.1 unreachable, no reply after 3 tries.',
              }
            : {}),
        }),
      );
    }
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(100);
    const first = page.getByTestId('audit-row').first();
    expect(await first.textContent()).toContain(`user${auditSeeded}@isp.example`);
    expect(await first.textContent()).toMatch(/noc1.*radius.*Disconnect/);
    await snapshot(page, 'nas-07-audit-log');

    await page.getByTestId('audit-older').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(auditSeeded);
    expect(await page.getByTestId('audit-row').last().textContent()).toContain(
      'user001@isp.example',
    );
    expect(await page.getByTestId('audit-older').count()).toBe(0);

    app.harness.store.audit.record(profileId, auditEntry({ username: 'latest@isp.example' }));
    await page.getByTestId('audit-refresh').click();
    await expect
      .poll(() => page.getByTestId('audit-row').first().textContent())
      .toContain('latest@isp.example');
    expect(await page.getByTestId('audit-row').count()).toBe(100);
  });
});
