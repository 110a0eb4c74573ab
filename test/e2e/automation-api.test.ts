// The Automation API page in Chromium, against browser mode wired to the real core: make a
// token (shown once, with the spec's curl command filled in), use it on /graphql, see its last
// use, find its disconnect in the audit log under its name, revoke it and see it refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../integration/disconnect/disconnect-fixture';
import { writeAccountingStop } from '../support/accounting-stop';
import type { AppServer } from '../support/app-server';
import { addSubscriberWithId, apiServerFor, postGraphql, shell } from '../support/automation-api';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { startCoaPeer, type CoaPeer } from '../support/coa-peer/coa-peer';
import { peerSecret } from '../support/coa-peer/disconnect-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { nasAccessDraft } from '../support/nas-access-draft';
import { insertSessions, online } from '../support/seed';

const nasIp = '127.0.10.43';

let db: TestDatabase;
let app: AppServer;
let apiUrl: string;
let browser: Browser;
let page: Page;
let coa: CoaPeer;
let sessionId: string;
let secret: string;

describe.skipIf(!hasChromium)('the Automation API page in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    await addSubscriberWithId(db.pool(), { id: 12345, username: 'lucia.garcia@fibra.example' });
    [sessionId] = (await insertSessions(db.pool(), [
      online({
        username: 'lucia.garcia@fibra.example',
        nas: nasIp,
        ip: '100.64.12.7',
        sessionId: '81a0c001',
        start: '2026-11-21T07:45:00Z',
      }),
    ])) as [string];
    // The NAS: a CoA port that ends the session as a BNG and FreeRADIUS would.
    coa = await startCoaPeer({
      address: nasIp,
      secret: peerSecret,
      behaviour: { answer: 'ack' },
      onAck: (request) => void writeAccountingStop(db.pool(), request.acctSessionId ?? ''),
    });
    ({ app, apiUrl } = await apiServerFor(db, { name: 'Core RADIUS' }));
    await app.harness.ok(
      'nasAccess.save',
      nasAccessDraft({
        nasIp,
        apiUser: null,
        apiPort: await closedPort(),
        coaPort: coa.port,
        coaSecret: peerSecret,
      }),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.server.url);
    await page.getByTestId('nav-automation').click();
    await page.getByTestId('automation-api').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await coa?.close();
    await db?.drop();
  });

  it('says where the API answers, and that there are no tokens yet', async () => {
    await expect
      .poll(() => page.getByTestId('api-tokens-empty').textContent())
      .toBe('No tokens yet in this profile.');
    expect(await page.getByTestId('api-endpoint').innerText()).toContain(`POST ${apiUrl}`);
    await snapshot(page, 'automation-api-empty');
  });

  it("shows main's words for a reseller token without its reseller, and makes nothing", async () => {
    await page.getByTestId('api-token-name').fill('north-reports');
    await page.getByTestId('api-token-reseller').check();
    await page.getByTestId('api-token-create').click();
    await expect
      .poll(() => page.getByTestId('api-tokens-error').innerText())
      .toMatch(/The reseller id must be a whole number \(resellers\.id\)/);
    expect(await page.getByTestId('api-token-row').count()).toBe(0);
    await snapshot(page, 'automation-api-refused');
  });

  it('makes a token, shows it once with the curl command, and the command works as shown', async () => {
    await page.getByTestId('api-token-name').fill('support-bot');
    await page.getByTestId('api-token-admin').check();
    await page.getByTestId('api-token-may-disconnect').check();
    await page.getByTestId('api-token-create').click();
    await page.getByTestId('api-token-created').waitFor();
    secret = (await page.getByTestId('api-token-secret').innerText()).trim();
    expect(secret).toMatch(/^sdapi_[A-Za-z0-9_-]{43}$/);
    await snapshot(page, 'automation-api-created');

    // The command as the page shows it, run by curl: the subscriber's session comes back.
    const command = await page.getByTestId('api-token-curl').innerText();
    const answer = JSON.parse(await shell(command)) as unknown;
    expect(answer).toEqual({
      data: {
        getOnlineSessions: [
          {
            id: sessionId,
            sessionId: '81a0c001',
            nasIpAddress: nasIp,
            startTime: '2026-11-21T07:45:00Z',
            framedIpAddress: '100.64.12.7',
            connectInfoStart: null,
          },
        ],
      },
    });

    await page.getByTestId('api-token-done').click();
    await page.getByTestId('api-token-form').waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('lists the token with its last use, and the audit log names it after a disconnect', async () => {
    const disconnected = await postGraphql(apiUrl, secret, {
      query: `mutation { disconnectSession(id: "${sessionId}") { result path confirmed } }`,
    });
    expect(disconnected.body).toEqual({
      data: { disconnectSession: { result: 'DONE', path: 'COA', confirmed: true } },
    });

    await page.getByTestId('nav-audit').click();
    await expect
      .poll(() => page.getByTestId('audit-api-token').first().innerText())
      .toBe('API token support-bot');
    await snapshot(page, 'automation-api-audit');

    await page.getByTestId('nav-automation').click();
    const row = page.locator('[data-testid="api-token-row"][data-token-name="support-bot"]');
    await expect
      .poll(() => row.innerText())
      .toMatch(
        /support-bot\s+admin\s+may\s+\d{4}-.*\d{4}-.*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+active/,
      );
  });

  it('revokes the token after asking, and the API refuses it from then on', async () => {
    await page.getByTestId('api-token-revoke').first().click();
    await snapshot(page, 'automation-api-revoke-confirm');
    await page.getByTestId('api-token-revoke-confirm').click();
    await expect
      .poll(() => page.getByTestId('api-token-state').first().innerText())
      .toBe('revoked');
    await snapshot(page, 'automation-api-revoked');

    const refused = await postGraphql(apiUrl, secret, { query: '{ __typename }' });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toMatch(
      /^The API token "support-bot" was revoked on/,
    );
  });
});
