// The demo's stale sessions as an operator meets them: the badge and Last update column, the
// Stale status and the stat row's count, the sweep preview per NAS, and a stale session
// whose NAS no longer has it: its Disconnect says "ghost" and Close in radacct ends it.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { disconnectConfirmed } from '../support/confirm-disconnect';
import type { Running } from '../support/child-process';
import { closeDemo, startDemo } from '../support/demo-process';

let dataDir: string;
let demo: Running;
let pool: pg.Pool;
let browser: Browser;
let page: Page;

const digits = (text: string | null | undefined): number => Number((text ?? '').replace(/\D/g, ''));

/** Open sessions the stale rule flags in the demo's database (30 min, 3 intervals). */
async function staleInDatabase(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM radacct WHERE acctstoptime IS NULL
       AND greatest(acctstarttime, acctupdatetime) < now()
           - make_interval(secs => greatest(1800, 3 * coalesce(acctinterval, 0)))`,
  );
  return rows[0]!.n;
}

describe.skipIf(!hasChromium)('stale sessions in the demo', () => {
  beforeAll(async () => {
    let url: string;
    ({ demo, dataDir, url, pool } = await startDemo('sd-stale-e2e-'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1680, height: 900 } });
    await page.goto(url);
    await page.getByTestId('stat-total').waitFor();
  }, 180_000);

  afterAll(() => closeDemo({ browser, pool, demo, dataDir }), 60_000);

  it('counts stale sessions in the stat row and lists them under Status → Stale', async () => {
    const expected = await staleInDatabase();
    expect(expected).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('stat-stale').textContent()).toMatch(/stale/);
    expect(digits(await page.getByTestId('stat-stale').textContent())).toBe(expected);
    await snapshot(page, 'stale-01-stat-row');

    await page.getByTestId('stat-stale').click();
    await expect.poll(() => page.getByTestId('status-select').inputValue()).toBe('stale');
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count()).toBe(expected);
    const badges = await page.getByTestId('status-badge').allTextContents();
    expect(new Set(badges.map((text) => text.trim()))).toEqual(new Set(['stale']));
    expect(await rows.first().getByTestId('last-update').textContent()).toMatch(/(min|h) ago/);
    await page.mouse.move(0, 0);
    await snapshot(page, 'stale-02-stale-filter');
  });

  it('previews the sweep per NAS, writing nothing', async () => {
    const before = await staleInDatabase();
    await page.getByTestId('nav-stale').click();
    await page.getByTestId('sweep-preview').click();
    const list = page.getByTestId('sweep-preview-list');
    await list.waitFor();
    const sessions = await list.getByTestId('sweep-session').count();
    expect(sessions).toBeGreaterThan(0);
    expect(await list.getByTestId('nas-held').count()).toBe(0);
    expect(await page.getByTestId('sweep-now').textContent()).toContain(`${before}`);
    expect(await page.getByTestId('sweeper-enabled').isChecked()).toBe(false);
    expect(await staleInDatabase()).toBe(before);
    await snapshot(page, 'stale-03-sweep-preview');
  });

  it('a stale session the NAS lost: Disconnect says ghost, Close in radacct ends it', async () => {
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('status-select').selectOption('stale');
    // The page comes back on Online: wait until the table shows the stale list only.
    await expect
      .poll(async () => new Set(await page.getByTestId('status-badge').allTextContents()))
      .toEqual(new Set(['stale']));
    const row = page.getByTestId('session-row').first();
    const radacctId = await row.getAttribute('data-session-id');
    await disconnectConfirmed(page, row);
    const toast = page.getByTestId('toast').filter({ hasText: 'Ghost' });
    await toast.waitFor({ timeout: 60_000 }).catch(async (failure: unknown) => {
      await snapshot(page, 'stale-04-ghost-toast-missing');
      throw new Error(
        `No ghost toast; toasts: ${(await page.getByTestId('toast').allTextContents()).join(' | ')}`,
        { cause: failure },
      );
    });
    expect(await toast.textContent()).toMatch(/has no such session/);
    await snapshot(page, 'stale-04-ghost-toast');

    await toast.getByTestId('toast-close-ghost').click();
    await page.getByTestId('toast').filter({ hasText: 'Closed' }).waitFor();
    const { rows } = await pool.query<{ closed: boolean; cause: string }>(
      `SELECT acctstoptime = coalesce(acctupdatetime, acctstarttime) AS closed,
              acctterminatecause AS cause FROM radacct WHERE radacctid = $1`,
      [radacctId],
    );
    expect(rows[0]).toEqual({ closed: true, cause: 'Lost-Carrier' });
    await expect
      .poll(() => page.locator(`[data-session-id="${radacctId}"]`).count(), { timeout: 15_000 })
      .toBe(0);
    await snapshot(page, 'stale-05-ghost-closed');

    await page.getByTestId('nav-audit').click();
    await expect
      .poll(() => page.getByText('Ghost closed in radacct').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await snapshot(page, 'stale-06-audit');
  }, 90_000);

  it('reconciles every NAS with its router and closes the ghosts after a confirmation', async () => {
    await page.getByTestId('nav-stale').click();
    await page.getByTestId('reconcile-start').click();
    await expect
      .poll(() => page.getByTestId('reconcile-progress').textContent(), { timeout: 60_000 })
      .toMatch(/Read\s+6 of 6 NAS/);
    const reports = page.getByTestId('reconcile-nas-report');
    expect(await reports.count()).toBe(6);
    const count = async (testid: string) =>
      (await page.getByTestId(testid).allTextContents()).reduce(
        (sum, text) => sum + digits(text),
        0,
      );
    const ghosts = await count('reconcile-ghosts');
    // The demo's NAS lost its stale sessions (one was closed above); none is unaccounted.
    expect(ghosts).toBe(await staleInDatabase());
    expect(await count('reconcile-unaccounted')).toBe(0);
    expect(await count('reconcile-mismatched')).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('reconcile-csv').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n').filter((line) => line.includes(',ghost,'))).toHaveLength(ghosts);
    await snapshot(page, 'stale-07-reconciliation');

    await page.getByTestId('reconcile-close-ghosts').click();
    await page.getByTestId('reconcile-close-confirm').click();
    await expect
      .poll(() => page.getByTestId('reconcile-closed').textContent())
      .toContain(`Closed ${ghosts} of ${ghosts} ghosts`);
    expect(await staleInDatabase()).toBe(0);
    await snapshot(page, 'stale-08-ghosts-closed');
  }, 90_000);
});
