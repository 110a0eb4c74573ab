import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/loopback/loopback-server';
import { demoSubscriberSettings } from '../../src-main/ping/demo-ping';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertSessions, online } from '../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../support/service-harness';

// The demo's framed IPs are CGNAT addresses: with the demo's settings, Ping goes to
// 127.0.0.1 and the page says so, so nothing leaves loopback.
const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
const username = 'cgnat@isp.example';

let db: TestDatabase;
let harness: ServiceHarness;
let server: LoopbackServer;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium)('Ping in the demo', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock' });
    await insertSessions(db.pool(), [online({ username, ip: '100.64.5.6', nas: '127.0.10.1' })]);
    harness = openServiceHarness(undefined, { subscribers: demoSubscriberSettings });
    server = await startLoopbackServer({ service: harness.service, rendererDir });
    const profile = await harness.ok('profiles.save', draftFor(db.profile, 'Demo ISP'));
    await harness.ok('profiles.connect', { id: profile.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('session-row').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await harness?.close();
    await db?.drop();
  });

  it('pings loopback instead of the CGNAT framed IP and says which it pinged', async () => {
    await page.getByTestId('open-subscriber').first().click();
    await page.getByTestId('ping-session').click();
    await expect
      .poll(() => page.getByTestId('ping-result').textContent(), { timeout: 15_000 })
      .toMatch(/3\/3 replies/);
    expect(await page.getByTestId('ping-substituted').textContent()).toBe(
      'demo: pinging 127.0.0.1 instead of 100.64.5.6',
    );
    await snapshot(page, 'e2e-subscriber-07-demo-ping');
  });
});
