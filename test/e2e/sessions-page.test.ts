import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fillProfileForm } from '../support/profile-form';
import { insertSessions, offline, online, type SessionSeed } from '../support/seed';

// 250 online sessions over three NAS, one needle with a distinctive framed IP, and some
// history: enough for three pages of 100.
function seeds(): SessionSeed[] {
  const sessions: SessionSeed[] = [];
  for (let i = 0; i < 249; i += 1) {
    sessions.push(
      online({
        username: `user${String(i).padStart(4, '0')}@isp.example`,
        nas: `127.0.10.${(i % 3) + 1}`,
        ip: `100.64.${Math.floor(i / 200)}.${(i % 200) + 1}`,
        mac: `AA:BB:CC:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
        start: new Date(Date.UTC(2026, 10, 21, 0, 0, i)).toISOString(),
        download: String(5_000_000_000 + i),
      }),
    );
  }
  sessions.push(online({ username: 'needle@isp.example', nas: '127.0.10.2', ip: '100.99.7.42' }));
  for (let i = 0; i < 20; i += 1) {
    sessions.push(offline({ username: `gone${i}@isp.example`, nas: '127.0.10.1' }));
  }
  return sessions;
}

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium)('Sessions page in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    await db.pool().query(
      `INSERT INTO nas_devices (name, ip_address) VALUES
         ('bng-north', '127.0.10.1'), ('bng-south', '127.0.10.2')`,
    );
    await insertSessions(db.pool(), seeds());
    app = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  /** Session-page reads (they select radacctid as text) blocked behind a lock right now. */
  const pageQueriesWaitingOnLock = async (): Promise<number> => {
    const result = await db.pool().query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND query LIKE '%r.radacctid::text%'`,
    );
    return Number(result.rows[0]!.n);
  };

  const onlineInDatabase = async (): Promise<number> => {
    const result = await db
      .pool()
      .query<{ n: string }>('SELECT count(*) AS n FROM radacct WHERE acctstoptime IS NULL');
    return Number(result.rows[0]!.n);
  };

  it('loads and invites a first connection profile', async () => {
    await page.goto(app.server.url);
    await page.getByTestId('empty-state').waitFor();
    await snapshot(page, 'e2e-01-empty-state');
  });

  it('creates, tests and connects a profile from the form', async () => {
    await page.getByTestId('create-profile').click();
    await fillProfileForm(page, 'Core RADIUS', db.profile);
    await page.getByTestId('profile-test').click();
    await expect
      .poll(() => page.getByTestId('test-result').textContent())
      .toMatch(/250 sessions online/);
    await snapshot(page, 'e2e-02-profile-tested');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-connect').click();
    await page.getByTestId('stat-total').waitFor();
  });

  it('shows the online total and per-NAS pills that match the database', async () => {
    const expected = await onlineInDatabase();
    await expect
      .poll(() => page.getByTestId('stat-total').textContent())
      .toContain(String(expected));
    const pills = await page.getByTestId('nas-pill').allTextContents();
    expect(pills.join(' ')).toMatch(/bng-north\s*83/);
    expect(pills.join(' ')).toMatch(/bng-south\s*84/);
    // No nas_devices row for .3: the pill falls back to the address.
    expect(pills.join(' ')).toMatch(/127\.0\.10\.3\s*83/);
    await snapshot(page, 'e2e-03-live-table');
  });

  it('finds a session by a partial framed IP', async () => {
    await page.getByTestId('search-box').fill('99.7.4');
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    const row = page.getByTestId('session-row').first();
    expect(await row.textContent()).toContain('needle@isp.example');
    expect(await row.textContent()).toContain('bng-south');
    await snapshot(page, 'e2e-04-search-ip');
  });

  it('pages through results on the server', async () => {
    await page.getByTestId('search-box').fill('');
    await expect.poll(() => page.getByTestId('page-range').textContent()).toMatch(/1\D+100 of 250/);
    const firstRow = await page.getByTestId('session-row').first().getAttribute('data-session-id');

    // While page two is still being read, the pager must describe the rows on screen.
    const blocker = await db.pool().connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE radacct IN ACCESS EXCLUSIVE MODE');
      await page.getByTestId('page-next').click();
      await expect.poll(() => pageQueriesWaitingOnLock()).toBeGreaterThan(0);
      expect(await page.getByTestId('page-range').textContent()).toMatch(/1\D+100 of 250/);
      expect(await page.getByTestId('session-row').first().getAttribute('data-session-id')).toBe(
        firstRow,
      );
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    await expect
      .poll(() => page.getByTestId('page-range').textContent())
      .toMatch(/101\D+200 of 250/);
    const secondPageRow = await page
      .getByTestId('session-row')
      .first()
      .getAttribute('data-session-id');
    expect(secondPageRow).not.toBe(firstRow);
    await snapshot(page, 'e2e-05-page-two');
    await page.getByTestId('page-prev').click();
    await expect
      .poll(() => page.getByTestId('session-row').first().getAttribute('data-session-id'))
      .toBe(firstRow);
  });

  it('cuts a blocked history search short and shows the indexes for the DBA', async () => {
    // Hold radacct locked so the history search cannot finish within the statement timeout.
    const blocker = await db.pool().connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE radacct IN ACCESS EXCLUSIVE MODE');
      await page.getByTestId('status-select').selectOption('all');
      await page.getByTestId('search-box').fill('user01');
      await page.getByTestId('search-box').press('Enter');
      await expect
        .poll(() => page.getByTestId('query-error').textContent(), { timeout: 20_000 })
        .toMatch(/cut short/);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    await page.getByTestId('show-index-advice').click();
    await expect
      .poll(() => page.getByTestId('index-statements').textContent())
      .toMatch(/CREATE INDEX CONCURRENTLY IF NOT EXISTS \S+ ON radacct USING gin/);
    await snapshot(page, 'e2e-06-history-timeout-index-advice');
  });
});
