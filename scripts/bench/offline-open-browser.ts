// Offline open of a 100,000-row export in Chromium against the built renderer (DESIGN.md
// §7: table on screen under 1 s): from the file input's change event to the first row
// drawn, then a scroll through a 1000-row page, frame by frame. Measures; asserts nothing.
// Run after a build: npx tsx scripts/bench/offline-open-browser.ts [rows]
import { startAppServer } from '../../test/support/app-server';
import { launchChromium } from '../../test/support/browser';
import { benchExport } from './offline-export-file';

const rowCount = Number(process.argv[2] ?? 100_000);
const buffer = Buffer.from(benchExport(rowCount));
const app = await startAppServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.server.url);
  await page.getByTestId('empty-state').waitFor();
  for (let run = 1; run <= 3; run += 1) {
    await page.evaluate(() => {
      const marks = window as unknown as { openedAt?: number };
      document.addEventListener('change', () => (marks.openedAt = performance.now()), {
        capture: true,
        once: true,
      });
    });
    await page
      .getByTestId(run === 1 ? 'welcome-open-export' : 'open-export')
      .setInputFiles({ name: `bench-${run}.csv`, mimeType: 'text/csv', buffer });
    await page.waitForFunction(
      (name) =>
        document.querySelector('[data-testid=offline-file-name]')?.textContent === name &&
        document.querySelector('[data-testid=session-row]') !== null,
      `bench-${run}.csv`,
      { polling: 'raf' },
    );
    const onScreenMs = await page.evaluate(
      () => performance.now() - ((window as unknown as { openedAt?: number }).openedAt ?? 0),
    );
    console.log(
      `run ${run}: ${rowCount.toLocaleString('en')} rows, table on screen ${onScreenMs.toFixed(0)} ms (budget 1000 ms)`,
    );
  }
  await page.getByTestId('page-size-select').selectOption('1000');
  await page.getByTestId('page-range').filter({ hasText: 'rows 1–1,000' }).waitFor();
  const frames = await page.evaluate(async () => {
    const viewport = document.querySelector<HTMLElement>('[role=grid]');
    if (!viewport) return [];
    const gaps: number[] = [];
    let last = performance.now();
    for (let frame = 0; frame < 120; frame += 1) {
      viewport.scrollTop += 220;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    return gaps;
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (share: number): string =>
    (sorted[Math.floor(share * (sorted.length - 1))] ?? 0).toFixed(1);
  console.log(
    `scroll of a 1000-row page, ${frames.length} frames: median ${at(0.5)} ms, p95 ${at(0.95)} ms, worst ${at(1)} ms`,
  );
} finally {
  await browser.close();
  await app.close();
}
