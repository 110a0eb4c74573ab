import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addSubscriber, insertSessions, online } from '../support/seed';
import { draftFor } from '../support/service-harness';

// An operator without subscribers.disconnect: main refuses every disconnect call (tested in
// the service tests); the page asks main what is granted and offers none of it.
let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium)('an operator without the subscribers.disconnect permission', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    await addSubscriber(db.pool(), { username: 'alice@isp.example', fullName: 'Alice Liddell' });
    await insertSessions(db.pool(), [
      online({ username: 'alice@isp.example', nas: '127.0.10.7', ip: '100.64.7.1' }),
      online({ username: 'bob@isp.example', nas: '127.0.10.7', ip: '100.64.7.2' }),
    ]);
    app = await startAppServer({ permissions: () => new Set() });
    const profile = await app.harness.ok('profiles.save', draftFor(db.profile, 'Read only'));
    await app.harness.ok('profiles.connect', { id: profile.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.server.url);
    await page.getByTestId('session-row').nth(1).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('sees the sessions and opens subscribers, with no Disconnect, tick box or bulk bar', async () => {
    expect(await page.getByTestId('disconnect-session').count()).toBe(0);
    expect(await page.getByTestId('disconnect-user').count()).toBe(0);
    expect(await page.getByTestId('select-session').count()).toBe(0);
    expect(await page.locator('[role="columnheader"] input[type="checkbox"]').count()).toBe(0);
    expect(await page.getByText('Disconnect all 2 matching this filter').count()).toBe(0);
    await snapshot(page, 'permission-01-sessions-read-only');

    await page.getByTestId('open-subscriber').first().click();
    await page.getByTestId('diagnosis').waitFor();
    expect(await page.getByTestId('ping-session').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('disconnect-session').count()).toBe(0);
    expect(await page.getByTestId('disconnect-all').count()).toBe(0);
    await snapshot(page, 'permission-02-subscriber-read-only');
  });
});
