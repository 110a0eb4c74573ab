// The demo with one simulated NAS rebooted from its console, as an operator would watch it:
// the drop banner, the pill that stays at 0 with "was N", the sessions it links to, the
// Sessions per NAS page and its chart, in light and dark.
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { waitForOutput, type Running } from '../support/child-process';
import { closeDemo, startDemo } from '../support/demo-process';

const south = '127.0.10.3';
/** Two refreshes of the demo's 5 s period: the banner must come with the next one. */
const withinARefresh = { timeout: 12_000, interval: 250 };

let dataDir: string;
let demo: Running;
let pool: pg.Pool;
let browser: Browser;
let page: Page;
let rebooted: number;

const digits = (text: string | null | undefined): number => Number((text ?? '').replace(/\D/g, ''));

/** bng-south-1's online count at a moment, as radacct defines it. */
async function southOnlineAt(epochMs: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM radacct WHERE nasipaddress = $1::inet
       AND acctstarttime <= to_timestamp($2) AND (acctstoptime IS NULL OR acctstoptime > to_timestamp($2))`,
    [south, epochMs / 1000],
  );
  return rows[0]!.n;
}

const pill = () => page.locator(`[data-testid="nas-pill"][data-nas-ip="${south}"]`);

describe.skipIf(!hasChromium)('a NAS drops all its sessions in the demo', () => {
  beforeAll(async () => {
    let url: string;
    ({ demo, dataDir, url, pool } = await startDemo('sd-health-e2e-', 'pipe'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(url);
    await page.getByTestId('stat-total').waitFor();
  }, 180_000);

  afterAll(() => closeDemo({ browser, pool, demo, dataDir }), 60_000);

  it('shows every NAS by name with its last 24 h, before anything happens', async () => {
    await expect.poll(() => page.locator('.sparkline canvas').count()).toBe(6);
    const names = await page
      .getByTestId('nas-pill')
      .evaluateAll((pills) => pills.map((p) => p.querySelector('.name')?.textContent?.trim()));
    expect(names).toEqual([
      'bng-central-1',
      'bng-east-1',
      'bng-north-1',
      'bng-north-2',
      'bng-south-1',
      'bng-west-1',
    ]);
    expect(await page.getByTestId('drop-banner').count()).toBe(0);
    await snapshot(page, 'nas-health-01-pills-light');
  });

  it('raises the banner within a refresh of the reboot; the pill stays at 0 with "was N"', async () => {
    demo.child.stdin!.write('reboot bng-south-1 600\n');
    rebooted = Number(
      (
        await waitForOutput(
          demo,
          /bng-south-1 \(127\.0\.10\.3\) rebooted: its Accounting-On closed (\d+)/,
          10_000,
        )
      )[1],
    );
    expect(rebooted).toBeGreaterThan(100);
    const alert = page.locator(`[data-testid="drop-alert"][data-nas-ip="${south}"]`);
    await expect.poll(() => alert.count(), withinARefresh).toBe(1);
    expect(await alert.getAttribute('data-kind')).toBe('nas-rebooted');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('bng-south-1 rebooted');
    // Every session the Accounting-On closed, plus any the demo's churn ended on that NAS in
    // the same seconds (radacct has them all).
    const ended = digits(text.match(/rebooted ([\d,]+) sessions ended/)?.[1]);
    expect(ended).toBeGreaterThanOrEqual(rebooted);
    expect(ended).toBeLessThanOrEqual(rebooted + 3);
    expect(text).toContain(`NAS-Reboot ×${rebooted.toLocaleString('en-US')}`);

    await expect.poll(() => pill().locator('.count').textContent(), withinARefresh).toBe('0');
    // "was N": the most it had in the minutes before (a session or two may have come or
    // gone in the demo's churn since the last minute's edge).
    const was = digits(
      (await pill().getByTestId('nas-pill-was').textContent())?.match(/was ([\d,]+) at/)?.[1],
    );
    expect(was).toBeGreaterThanOrEqual(rebooted - 2);
    expect(was).toBeLessThanOrEqual(rebooted + 10);
    // Still in its place, by name.
    const order = await page
      .getByTestId('nas-pill')
      .evaluateAll((pills) => pills.map((p) => p.getAttribute('data-nas-ip')));
    expect(order.indexOf(south)).toBe(4);
    await snapshot(page, 'nas-health-02-banner-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snapshot(page, 'nas-health-03-banner-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('links to the sessions that ended, as radacct has them', async () => {
    await page
      .locator(`[data-testid="drop-alert"][data-nas-ip="${south}"]`)
      .getByTestId('show-drop-sessions')
      .click();
    await page.getByTestId('ended-filter').waitFor();
    expect(await page.getByTestId('status-select').inputValue()).toBe('offline');
    expect(await page.getByTestId('nas-select').inputValue()).toBe(south);
    await expect
      .poll(() => page.getByTestId('page-range').textContent(), withinARefresh)
      .toMatch(/ of [\d,]+$/);
    const listed = digits(
      (await page.getByTestId('page-range').textContent())?.match(/ of ([\d,]+)$/)?.[1],
    );
    expect(listed).toBeGreaterThanOrEqual(rebooted);
    expect(listed).toBeLessThanOrEqual(rebooted + 3);
    await snapshot(page, 'nas-health-04-ended-sessions');
  });

  it('charts the drop on the Sessions per NAS page, with the NAS figures', async () => {
    await page.getByTestId('nav-health').click();
    await page.getByTestId('health-nas-select').selectOption(south);
    await page.getByTestId('nas-detail').waitFor();
    await expect.poll(() => page.getByTestId('nas-detail-online').textContent()).toBe('0');
    expect(await page.getByTestId('nas-detail-accounting-on').textContent()).toContain(
      `closed ${rebooted.toLocaleString('en-US')} sessions`,
    );
    expect(await page.getByTestId('causes-hour').textContent()).toContain('NAS-Reboot');
    const chart = page.getByTestId('online-chart');
    await expect.poll(() => chart.locator('.u-legend .u-series').count()).toBe(2);
    // Hover the chart's last point (now: 0) and the one before it (before the reboot: N).
    const plot = await chart.locator('.u-over').boundingBox();
    const points = Number(await chart.getAttribute('data-points'));
    const value = () =>
      chart.locator('.u-legend .u-series').nth(1).locator('.u-value').textContent();
    const xOf = (index: number) => plot!.x + (plot!.width * index) / (points - 1);
    await page.mouse.move(plot!.x + plot!.width - 1, plot!.y + plot!.height / 2);
    await expect.poll(value).toBe('0');
    await page.mouse.move(xOf(points - 2.6), plot!.y + plot!.height / 2);
    await expect.poll(async () => digits(await value())).toBeGreaterThan(rebooted / 2);
    // The legend's time and count are radacct's: the same count at that moment.
    const time = await chart
      .locator('.u-legend .u-series')
      .first()
      .locator('.u-value')
      .textContent();
    expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(digits(await value())).toBe(
      await southOnlineAt(new Date(time!.replace(' ', 'T')).getTime()),
    );
    await snapshot(page, 'nas-health-05-nas-page-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.mouse.move(plot!.x + plot!.width - 1, plot!.y + plot!.height / 2);
    await snapshot(page, 'nas-health-06-nas-page-dark');
    await page.getByTestId('health-nas-select').selectOption('');
    await expect.poll(() => chart.locator('.u-legend .u-series').count()).toBe(8);
    await snapshot(page, 'nas-health-07-all-nas-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('acknowledging clears the banner and is in the audit log', async () => {
    await page.getByTestId('nav-sessions').click();
    const alert = page.locator(`[data-testid="drop-alert"][data-nas-ip="${south}"]`);
    await alert.getByTestId('acknowledge-drop').click();
    await expect.poll(() => alert.count(), withinARefresh).toBe(0);
    await page.getByTestId('nav-audit').click();
    await expect
      .poll(() => page.getByTestId('audit-row').first().textContent())
      .toContain('Drop acknowledged');
    expect(await page.getByTestId('audit-row').first().textContent()).toContain(
      'bng-south-1 (127.0.10.3) rebooted',
    );
    await snapshot(page, 'nas-health-08-audit');
  });
});
