import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeaderLine, F, restoreCsvText, type SessionFilter } from '@contract';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { exportOutcome, parseCsv } from '../support/export-helpers';
import { addSubscriber, insertSessions, online, type SessionSeed } from '../support/seed';
import { draftFor } from '../support/service-harness';

// 130 online sessions: two pages of 100, the second holds 30. Among them a subscriber whose
// name needs quoting and a username a spreadsheet would run as a formula.
function seeds(): SessionSeed[] {
  const sessions: SessionSeed[] = [];
  for (let i = 0; i < 128; i += 1) {
    sessions.push(
      online({
        username: `user${String(i).padStart(4, '0')}@isp.example`,
        nas: '127.0.10.1',
        ip: `100.64.3.${i + 1}`,
        start: new Date(Date.UTC(2026, 10, 21, 1, 0, i)).toISOString(),
        download: String(2 ** 40 + i),
      }),
    );
  }
  sessions.push(online({ username: 'quoted@isp.example', start: '2026-11-20T00:00:01Z' }));
  sessions.push(online({ username: '=1+1', start: '2026-11-20T00:00:00Z' }));
  return sessions;
}

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;
const filter: SessionFilter = { search: '', status: 'online', nasIp: null };

describe.skipIf(!hasChromium)('Export CSV in Chromium (browser mode)', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    await addSubscriber(db.pool(), {
      username: 'quoted@isp.example',
      fullName: 'Müller, "Ösi" 🚀\nline two',
    });
    await insertSessions(db.pool(), seeds());
    app = await startAppServer();
    const profile = await app.harness.ok('profiles.save', draftFor(db.profile, 'Core RADIUS'));
    await app.harness.ok('profiles.connect', { id: profile.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('exports the page on screen and downloads exactly its rows', async () => {
    await page.goto(app.server.url);
    await expect.poll(() => page.getByTestId('page-range').textContent()).toMatch(/of 130/);
    await page.getByTestId('page-next').click();
    await expect.poll(() => page.getByTestId('page-range').textContent()).toMatch(/101–130/);

    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').waitFor();
    await snapshot(page, 'export-01-dialog-current-page');
    await page.getByTestId('export-scope-all').check();
    await expect.poll(() => page.getByTestId('export-count').textContent()).toMatch(/130/);
    await snapshot(page, 'export-02-dialog-all-with-count');
    await page.getByTestId('export-scope-page').check();
    await page.getByTestId('export-start').click();

    const link = page.getByTestId('export-download');
    await link.waitFor();
    await expect.poll(() => page.getByTestId('export-rows').textContent()).toBe('30');
    await page.waitForTimeout(300); // the bar's width transition
    await snapshot(page, 'export-03-finished-download-link');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^sessions-online-\d{4}-\d\d-\d\dT\d{4}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const [header, ...records] = parseCsv(text);

    expect(header!.join(',')).toBe(csvHeaderLine);
    const first = await app.harness.ok('sessions.list', { filter, pageSize: 100 });
    const second = await app.harness.ok('sessions.list', {
      filter,
      pageSize: 100,
      cursor: first.nextCursor,
    });
    expect(records.map((record) => restoreCsvText(record[F.username]!))).toEqual(
      second.rows.map((row) => row[F.username]),
    );
    expect(records.map((record) => record[F.username])).toContain("'=1+1");
    const quoted = records.find((record) => record[F.username] === 'quoted@isp.example')!;
    expect(quoted[F.fullName]).toBe('Müller, "Ösi" 🚀\nline two');
    await page.getByTestId('export-close').click();
  });

  it('serves exports only with the token in the Authorization header, and only files of the exports folder', async () => {
    const started = await app.harness.ok('export.start', { filter, pageSize: 5 });
    const status = await exportOutcome(app.harness, started.exportId);
    const url = new URL(status.downloadUrl!, app.server.url);
    const withToken = { headers: { authorization: `Bearer ${app.server.token}` } };

    const ok = await fetch(url, withToken);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe(`attachment; filename="${status.fileName}"`);
    expect((await ok.text()).split('\r\n')).toHaveLength(7);
    expect((await fetch(url)).status).toBe(401);
    // Neither the old cookie nor the token in the address open it.
    expect(
      (await fetch(url, { headers: { cookie: `session_desk_token=${app.server.token}` } })).status,
    ).toBe(401);
    expect((await fetch(`${url.href}?token=${app.server.token}`)).status).toBe(401);
    for (const path of ['/exports/..%2Fsession-desk.sqlite', '/exports/.hidden.csv.part']) {
      expect((await fetch(new URL(path, app.server.url), withToken)).status).toBe(404);
    }
  });
});
