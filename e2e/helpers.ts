import type { Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD } from './browser';

/** Signs in through the login page and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('navigation').first().waitFor();
}
