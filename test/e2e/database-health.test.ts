// The Database health page in the demo: the recommended indexes (all missing there) with
// the statements for the DBA, and radacct's size and upkeep.
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import type { Running } from '../support/child-process';
import { closeDemo, startDemo } from '../support/demo-process';

let dataDir: string;
let demo: Running;
let pool: pg.Pool;
let browser: Browser;
let page: Page;

describe.skipIf(!hasChromium)('the Database health page', () => {
  beforeAll(async () => {
    let url: string;
    ({ demo, dataDir, url, pool } = await startDemo('sd-dbhealth-e2e-', 'pipe'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(url);
    await page.getByTestId('stat-total').waitFor();
  }, 180_000);

  afterAll(() => closeDemo({ browser, pool, demo, dataDir }), 60_000);

  it('lists the recommended indexes, the missing ones as statements, and radacct facts', async () => {
    await page.getByTestId('nav-database').click();
    await page.getByTestId('recommended-indexes').waitFor();
    const rows = page.getByTestId('recommended-indexes').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    const statements = await page.getByTestId('missing-index-statements').textContent();
    expect(statements).toContain('CREATE INDEX CONCURRENTLY IF NOT EXISTS radacct_online_');
    await expect.poll(() => page.getByTestId('radacct-facts').textContent()).toMatch(/Rows/);
    await snapshot(page, 'database-health');
    const { rows: created } = await pool.query(
      "SELECT count(*)::int AS n FROM pg_indexes WHERE indexname LIKE '%trgm%'",
    );
    expect(created[0].n).toBe(0);
  });
});
