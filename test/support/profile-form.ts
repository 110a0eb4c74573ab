import type { Page } from 'playwright-core';
import type { DbProfile } from '../../src-main/radius-db';

/** Types a profile into the open profile form, as an operator would. */
export async function fillProfileForm(page: Page, name: string, profile: DbProfile): Promise<void> {
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-host').fill(profile.host);
  await page.getByTestId('profile-port').fill(String(profile.port));
  await page.getByTestId('profile-database').fill(profile.database);
  await page.getByTestId('profile-user').fill(profile.user);
  if (profile.password) await page.getByTestId('profile-password').fill(profile.password);
  await page.getByTestId('profile-ssl').selectOption(profile.sslMode);
}
