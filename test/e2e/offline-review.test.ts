import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeaderLine, sessionCsvLine, type SessionRow } from '@contract';
import { startAppServer, type AppServer } from '../support/app-server';
import { hasChromium, launchChromium, snapshot } from '../support/browser';

// Offline review with no profile and no database: the files are written here with the
// exporter's own line format, then opened through the page's file input or dropped.
const exportedAt = '2026-11-21T09:30:00Z';

function session(i: number, overrides: Partial<Record<number, string | null>> = {}): SessionRow {
  const row: SessionRow = [
    String(1000 + i),
    `user${String(i).padStart(4, '0')}@isp.example`,
    `Subscriber ${i}`,
    'Fiber 100',
    `127.0.10.${(i % 3) + 1}`,
    i % 3 === 0 ? 'bng-north' : i % 3 === 1 ? 'bng-south' : null,
    `100.64.${Math.floor(i / 200)}.${(i % 200) + 1}`,
    `AA:BB:CC:00:00:${(i & 255).toString(16).padStart(2, '0')}`,
    `8100${i.toString(16)}`,
    new Date(Date.UTC(2026, 10, 21, 0, 0, i)).toISOString(),
    i >= 240 ? '2026-11-21T09:00:00Z' : null,
    3600,
    String(9_007_199_254_740_993n + BigInt(i)),
    String(i * 1000),
    i >= 240 ? 'User-Request' : null,
    null,
    null,
    i % 5 === 0 ? null : `2001:db8:bb10:${(i * 256).toString(16)}::/64`,
    i % 5 === 0 ? null : `2001:db8:aa10:${(i * 256).toString(16)}::/56`,
    null,
  ];
  for (const [index, value] of Object.entries(overrides)) (row as unknown[])[Number(index)] = value;
  return row;
}

// 250 sessions (240 online), one needle with a name a spreadsheet would run as a formula.
const snapshotA = [
  ...Array.from({ length: 249 }, (_, i) => session(i)),
  session(249, { 1: '=needle, "the" one 🚀', 6: '100.99.7.42', 10: null, 14: null }),
];
// Later: user0000 gone, a newcomer, user0001 on another NAS.
const snapshotB = [
  ...snapshotA
    .slice(1)
    .map((row) =>
      row[1] === 'user0001@isp.example' ? session(1, { 4: '127.0.10.3', 5: null }) : row,
    ),
  session(300, { 1: 'newcomer@isp.example', 10: null, 14: null }),
];

const csvOf = (rows: SessionRow[], at = exportedAt): Buffer =>
  Buffer.from([csvHeaderLine, ...rows.map((row) => sessionCsvLine(row, at))].join('\r\n') + '\r\n');

let app: AppServer;
let browser: Browser;
let page: Page;

const text = async (testid: string): Promise<string> =>
  (await page.getByTestId(testid).first().textContent())?.trim() ?? '';

const firstUsername = async (): Promise<string> =>
  (
    await page.getByTestId('session-row').first().locator('[role=gridcell]').nth(1).textContent()
  )?.trim() ?? '';

describe.skipIf(!hasChromium)('Offline review in Chromium', () => {
  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens an export with no connection profile, with a banner saying what it is', async () => {
    await page.goto(app.server.url);
    await page.getByTestId('empty-state').waitFor();
    await snapshot(page, 'offline-00-welcome');
    await page.getByTestId('welcome-open-export').setInputFiles({
      name: 'sessions-0930.csv',
      mimeType: 'text/csv',
      buffer: csvOf(snapshotA),
    });
    await page.getByTestId('offline-banner').waitFor();
    expect(await text('offline-file-name')).toBe('sessions-0930.csv');
    expect(await text('offline-row-count')).toBe('250 rows');
    expect(await page.getByTestId('offline-exported-at').getAttribute('title')).toBe(exportedAt);
    expect(await text('stat-total')).toContain('241');
    expect(await page.getByTestId('nas-pill').count()).toBe(3);
    expect(await text('page-range')).toBe('rows 1–100 of 250');
    // Nothing here can be disconnected.
    expect(await page.getByTestId('disconnect-session').count()).toBe(0);
    expect(await page.getByTestId('select-session').count()).toBe(0);
    await snapshot(page, 'offline-01-opened');
  });

  it('searches, filters by NAS pill, sorts and pages like the live table', async () => {
    await page.getByTestId('search-box').fill('99.7.42');
    await page.getByTestId('search-box').press('Enter');
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    expect(await firstUsername()).toBe('=needle, "the" one 🚀');
    await snapshot(page, 'offline-02-search');
    await page.getByTestId('search-box').fill('');
    await page.getByTestId('search-box').press('Enter');

    await page.getByTestId('nas-pill').first().click();
    await expect.poll(() => text('page-range')).toMatch(/of 8\d$/);
    await page.getByTestId('nas-pill').first().click();
    await expect.poll(() => text('page-range')).toBe('rows 1–100 of 250');

    await page.getByTestId('sort-download').click();
    await expect.poll(firstUsername).toBe('=needle, "the" one 🚀');
    await page.getByTestId('sort-download').click();
    await expect.poll(firstUsername).toBe('user0000@isp.example');

    await page.getByTestId('page-next').click();
    await expect.poll(() => text('page-range')).toBe('rows 101–200 of 250');
    await page.getByTestId('page-next').click();
    await expect.poll(() => text('page-range')).toBe('rows 201–250 of 250');
    expect(await page.getByTestId('page-next').isDisabled()).toBe(true);

    await page.getByTestId('status-select').selectOption('offline');
    await expect.poll(() => text('page-range')).toBe('rows 1–9 of 9');
    await snapshot(page, 'offline-03-sorted-offline');
  });

  it('refuses a malformed dropped file with its line and leaves the view as it was', async () => {
    const broken = `${csvHeaderLine}\r\n${sessionCsvLine(session(1), exportedAt)}\r\n1002,"bob,x\r\n`;
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'broken.csv', { type: 'text/csv' }));
      return transfer;
    }, broken);
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await page.getByTestId('offline-error').waitFor();
    expect(await text('offline-error-message')).toContain(
      'Line 3: a quoted field starts here and never ends',
    );
    expect(await text('offline-file-name')).toBe('sessions-0930.csv');
    expect(await text('page-range')).toBe('rows 1–9 of 9');
    await snapshot(page, 'offline-04-malformed-drop');
    await page.getByTestId('offline-error-dismiss').click();
  });

  it('refuses a dropped file past the size limit before reading it', async () => {
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(65 * 1024 * 1024)], 'huge.csv'));
      return transfer;
    });
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await page.getByTestId('offline-error').waitFor();
    expect(await text('offline-error-message')).toContain(
      'the file is 65 MB: Session Desk opens exports of up to 64 MB',
    );
    expect(await text('offline-file-name')).toBe('sessions-0930.csv');
    await snapshot(page, 'offline-04b-file-too-large');
    await page.getByTestId('offline-error-dismiss').click();
  });

  it('compares with a later export: who appeared, dropped and moved', async () => {
    await page.getByTestId('compare-file').setInputFiles({
      name: 'sessions-1030.csv',
      mimeType: 'text/csv',
      buffer: csvOf(snapshotB, '2026-11-21T10:30:00Z'),
    });
    await page.getByTestId('compare-view').waitFor();
    expect(await text('compare-count-appeared')).toBe('1');
    expect(await text('compare-count-dropped')).toBe('1');
    expect(await text('compare-count-moved')).toBe('1');
    expect(await text('compare-row')).toContain('newcomer@isp.example');
    await page.getByTestId('compare-tab-moved').click();
    expect(await text('compare-row')).toContain('user0001@isp.example');
    await snapshot(page, 'offline-05-compare');
    await page.getByTestId('compare-tab-dropped').click();
    expect(await text('compare-row')).toContain('user0000@isp.example');

    await page.getByTestId('compare-back').click();
    await page.getByTestId('offline-view').waitFor();
    await page.getByTestId('offline-close').click();
    await page.getByTestId('empty-state').waitFor();
  });
});
