// Shared by the specs that run against the seeded demo server (SSO_URL:
// `seed-demo --people 40` in ./platform): its address, skipping without it,
// and signing in as a demo account.
import { expect, Page, test } from '@playwright/test';

export const DEMO = process.env.SSO_URL;

/** Skip every test of the file when ./platform did not start the server. */
export function needsDemoServer() {
  test.beforeEach(async () => {
    test.skip(!DEMO, 'SSO_URL is set by ./platform test');
  });
}

/** Sign in with a demo account's password and land on `next`. */
export async function signInToDemo(page: Page, email: string, next: string) {
  await page.goto(`${DEMO}/inloggen?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('demo-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect(page).toHaveURL(`${DEMO}${next}`);
}
