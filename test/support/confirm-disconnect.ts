import type { Locator, Page } from 'playwright-core';

/**
 * One session's Disconnect as an operator does it: the row's button, then Disconnect in the
 * confirmation that names the session. The pointer then leaves the table, which holds its
 * rows still only while the operator is on it.
 */
export async function disconnectConfirmed(page: Page, row: Locator): Promise<void> {
  await row.getByTestId('disconnect-session').click();
  await page.getByTestId('disconnect-confirm-go').click();
  await page.getByTestId('disconnect-confirm').waitFor({ state: 'detached' });
  await page.mouse.move(0, 0);
}
