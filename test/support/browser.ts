import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  console.warn(
    `\n*** END-TO-END TESTS SKIPPED: no Chromium at ${chromiumPath}. ` +
      `Install it (apt-get install chromium) or set CHROMIUM_PATH. ***\n`,
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const screenshotFolder = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Saves a PNG of the page for a person to look at; named after the step. */
export async function snapshot(page: Page, step: string): Promise<void> {
  mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: resolve(screenshotFolder, `${step}.png`), fullPage: false });
}
