import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addOperator, installOperatorsTable, operatorRoles } from '../support/operator-roles';
import { addReseller, addSubscriber, insertSessions, online } from '../support/seed';
import { draftFor } from '../support/service-harness';

// A read-only operator (no subscribers.disconnect): main refuses every disconnect call
// (test/integration/operators); the page knows from the connection and offers none of it.
const roles = operatorRoles();
let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium)('an operator without the subscribers.disconnect permission', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    const pool = db.pool();
    const reseller = await addReseller(pool, 'North Fiber');
    await addSubscriber(pool, {
      username: 'alice@isp.example',
      fullName: 'Alice Liddell',
      resellerId: reseller,
    });
    await addSubscriber(pool, { username: 'bob@isp.example', resellerId: reseller });
    await insertSessions(pool, [
      online({ username: 'alice@isp.example', nas: '127.0.10.7', ip: '100.64.7.1' }),
      online({ username: 'bob@isp.example', nas: '127.0.10.7', ip: '100.64.7.2' }),
    ]);
    await installOperatorsTable(pool);
    const { role, profile: readOnly } = await roles.create('readonly', [db]);
    await addOperator(pool, role, { userType: 'read-only', resellerId: reseller });
    app = await startAppServer();
    const profile = await app.harness.ok('profiles.save', draftFor(readOnly, 'Read only'));
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
    await roles.drop();
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
