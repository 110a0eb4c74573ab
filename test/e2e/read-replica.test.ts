// Session Desk on a real hot standby in the browser: the lag beside "updated N s ago", and
// the profile form's primary for writes with what Test connection says about a standby.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { fillProfileForm } from '../support/profile-form';
import { insertSessions, online } from '../support/seed';
import { draftFor } from '../support/service-harness';
import {
  serverBinaries,
  startStreamingReplica,
  type StreamingReplica,
} from '../support/streaming-replica';

let replica: StreamingReplica;
let app: AppServer;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium || serverBinaries === null)('a profile on a read-only standby', () => {
  beforeAll(async () => {
    const schema = await readFile(
      resolve(import.meta.dirname, '../../src-main/demo/sql/freeradius-schema.sql'),
      'utf8',
    );
    replica = await startStreamingReplica(schema);
    await insertSessions(replica.primaryPool, [
      online({ username: 'anna@fiber', nas: '10.0.0.1', ip: '100.64.0.10' }),
      online({ username: 'ben@fiber', nas: '10.0.0.1', ip: '100.64.0.11' }),
    ]);
    await replica.caughtUp();
    app = await startAppServer();
    const profile = await app.harness.ok('profiles.save', draftFor(replica.standby, 'Standby'));
    await app.harness.ok('profiles.connect', { id: profile.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.server.url);
    await page.getByTestId('session-row').nth(1).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await replica?.stop();
  });

  it('shows the standby and its lag beside "updated N s ago"', async () => {
    const lag = page.getByTestId('standby-lag');
    await lag.waitFor();
    expect(await lag.textContent()).toMatch(/^\s*standby, (lag \d+ (s|min|h)|no lag known)\s*$/);
    await snapshot(page, 'replica-01-standby-lag');
  });

  it('Test connection on a standby says closing sessions needs the primary', async () => {
    await page.getByTestId('open-profiles').click();
    await page.getByTestId('profile-new').click();
    await fillProfileForm(page, 'Standby again', replica.standby);
    await page.getByTestId('profile-test').click();
    await expect
      .poll(() => page.getByTestId('test-standby').textContent())
      .toMatch(/read-only standby: closing sessions needs the primary/);
    await snapshot(page, 'replica-02-test-standby');
    await page.getByTestId('profile-primary-host').fill(replica.primary.host);
    await page.getByTestId('profile-primary-port').fill(String(replica.primary.port));
    await page.getByTestId('profile-test').click();
    await expect
      .poll(() => page.getByTestId('test-standby').textContent())
      .toContain(`closing sessions goes to the primary at 127.0.0.1:${replica.primary.port}`);
    await snapshot(page, 'replica-03-test-standby-with-primary');
  });
});
