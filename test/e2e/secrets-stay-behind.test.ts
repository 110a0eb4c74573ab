import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { draftFor } from '../support/service-harness';

// The profile form says, before saving, that a stored password stays behind when the
// server, user or SSL mode changes; main clears it on save (the service tests prove main
// never sends it elsewhere).
let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;
let profileId: number;

describe.skipIf(!hasChromium)('a stored password and an edited profile', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock' });
    app = await startAppServer();
    const profile = await app.harness.ok(
      'profiles.save',
      // The server's own password where it asks for one (embedded PostgreSQL), else any.
      draftFor(db.profile, 'Core RADIUS', {
        password: db.profile.password ?? 'Stored-Pa55',
        sslMode: 'disable',
      }),
    );
    profileId = profile.id;
    await app.harness.ok('profiles.connect', { id: profile.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.server.url);
    await page.getByTestId('open-profiles').click();
    await page.getByTestId('profile-form').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('warns as soon as the host, port, user or SSL mode differ, and not otherwise', async () => {
    const staysBehind = page.getByTestId('profile-password-stays-behind');
    const password = page.getByTestId('profile-password');
    expect(await page.getByTestId('profile-password-state').textContent()).toMatch(/password set/);
    await page.getByTestId('profile-name').fill('Core RADIUS (renamed)');
    expect(await staysBehind.count()).toBe(0);
    expect(await password.getAttribute('placeholder')).toMatch(/leave blank to keep/);

    await page.getByTestId('profile-host').fill('radius-db.elsewhere.example');
    await staysBehind.waitFor();
    expect(await staysBehind.textContent()).toMatch(
      /stays only with the host, port, user and SSL mode/,
    );
    expect(await password.getAttribute('placeholder')).toMatch(/type it again/);
    await snapshot(page, 'secrets-01-password-stays-behind');

    await page.getByTestId('profile-host').fill(db.profile.host);
    expect(await staysBehind.count()).toBe(0);
    await page.getByTestId('profile-ssl').selectOption('require');
    await staysBehind.waitFor();
    // Typing it again is the way to keep one.
    await password.fill('Typed-Again');
    expect(await staysBehind.count()).toBe(0);
    await password.fill('');
    await page.getByTestId('profile-ssl').selectOption('disable');
  });

  it('saving with a new port clears the stored password, and says so', async () => {
    await page.getByTestId('profile-port').fill('6543');
    await page.getByTestId('profile-save').click();
    await expect
      .poll(() => page.getByTestId('profile-notice').textContent())
      .toMatch(/stored password was cleared/);
    expect(await page.getByTestId('profile-password-state').textContent()).toMatch(/not set/);
    expect(app.harness.store.profiles.get(profileId)?.password).toBeNull();
    await snapshot(page, 'secrets-02-password-cleared');
  });
});
