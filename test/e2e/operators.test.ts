// What an operator sees of who they are, in Chromium: a database without the operators
// table says once that the role administers it; a role the table gives nothing gets a page
// naming the missing permission and whom to ask; Test connection reports the operator.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addOperator, installOperatorsTable, operatorRoles } from '../support/operator-roles';
import { fillProfileForm } from '../support/profile-form';
import { seedResellerTree, sessionsOfTree } from '../support/reseller-tree';
import { draftFor } from '../support/service-harness';

const roles = operatorRoles();
let ownDatabase: TestDatabase;
let withOperators: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;
let reseller: { role: string; profile: TestDatabase['profile'] };
let northId: number;

describe.skipIf(!hasChromium)('who the operator is, in the page', () => {
  beforeAll(async () => {
    [ownDatabase, withOperators] = await Promise.all([
      createTestDatabase({ schema: 'stock+panel' }),
      createTestDatabase({ schema: 'stock+panel' }),
    ]);
    await seedResellerTree(ownDatabase.pool());
    const { resellers } = await seedResellerTree(withOperators.pool());
    await installOperatorsTable(withOperators.pool());
    const nobody = await roles.create('nobody', [withOperators]);
    reseller = await roles.create('north', [withOperators]);
    northId = resellers.north;
    await addOperator(withOperators.pool(), reseller.role, {
      userType: 'reseller',
      resellerId: northId,
    });
    app = await startAppServer();
    const own = await app.harness.ok(
      'profiles.save',
      draftFor(ownDatabase.profile, 'Own database'),
    );
    await app.harness.ok('profiles.save', draftFor(nobody.profile, 'Not an operator'));
    await app.harness.ok('profiles.connect', { id: own.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.server.url);
    await page.getByTestId('session-row').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await Promise.all([ownDatabase?.drop(), withOperators?.drop()]);
    await roles.drop();
  });

  it('says once that a database without the operators table is administered by its role', async () => {
    const note = page.getByTestId('own-database-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`role ${ownDatabase.profile.user} administers it`);
    expect(await page.getByTestId('operator-who').textContent()).toBe(
      `${ownDatabase.profile.user} · administers this database`,
    );
    await snapshot(page, 'operators-01-own-database-note');
    await page.getByTestId('own-database-note-dismiss').click();
    expect(await note.count()).toBe(0);
    // Refreshes, and a reconnect, do not bring it back.
    await page.getByTestId('refresh-now').click();
    await page.getByTestId('profile-switcher').selectOption({ label: 'Not an operator' });
    await page.getByTestId('permission-missing').waitFor();
    await page.getByTestId('profile-switcher').selectOption({ label: 'Own database' });
    await page.getByTestId('session-row').first().waitFor();
    expect(await note.count()).toBe(0);
  });

  it('shows a role with no operators row which permission it lacks and whom to ask, and no page it cannot use', async () => {
    await page.getByTestId('profile-switcher').selectOption({ label: 'Not an operator' });
    const missing = page.getByTestId('permission-missing');
    await missing.waitFor();
    expect(await missing.getAttribute('data-permission')).toBe('sessions.view');
    const message = await page.getByTestId('permission-missing-message').textContent();
    expect(message).toContain('sessions.view');
    expect(message).toContain('session_desk.operators');
    expect(await page.getByTestId('permission-missing-row').textContent()).toContain(
      'has no row in session_desk.operators',
    );
    expect(await page.getByTestId('session-row').count()).toBe(0);
    expect(await page.getByTestId('stat-total').count()).toBe(0);
    for (const tab of ['nav-subscriber', 'nav-nas', 'nav-audit', 'find-subscriber']) {
      expect(await page.getByTestId(tab).count(), tab).toBe(0);
    }
    expect(await page.getByTestId('operator-may').textContent()).toBe('may nothing');
    await snapshot(page, 'operators-02-permission-missing');
  });

  it('reports the operator on Test connection: the reseller, its tree, what it may do', async () => {
    await page.getByTestId('open-profiles').click();
    await page.getByTestId('profile-new').click();
    await fillProfileForm(page, 'North reseller', reseller.profile);
    await page.getByTestId('profile-test').click();
    const online = (await sessionsOfTree(withOperators.pool(), northId)).filter(
      (s) => s.online,
    ).length;
    await expect
      .poll(() => page.getByTestId('test-result').textContent())
      .toContain(`${online} sessions online`);
    expect(await page.getByTestId('test-operator').textContent()).toBe(
      `As ${reseller.role} · reseller · North Fiber (tree: 3 resellers, 4 subscribers) · ` +
        'sees its reseller tree · may view, disconnect',
    );
    await snapshot(page, 'operators-03-test-connection');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-connect').click();
    await expect
      .poll(() => page.getByTestId('operator-who').textContent())
      .toBe(`${reseller.role} · reseller`);
    await page.getByTestId('session-row').first().waitFor();
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(online);
    expect(await page.getByTestId('disconnect-session').count()).toBe(online);
    await snapshot(page, 'operators-04-reseller-sessions');
  });
});
