// Sign-in through the organisation's identity provider, in a real browser,
// with JavaScript on and off. `./platform test` starts a server for this
// file (SSO_URL) set up with a real OpenID Connect provider (npm
// `oidc-provider`, end2end/peers/oidc-provider.mjs) that knows `leerling`
// (the demo learner's address) and `onbekend` (no account on the platform).
import { test, expect, Page } from '@playwright/test';
import { expectNoA11yViolations, waitForHydration } from './a11y';

const SSO = process.env.SSO_URL;

test.beforeEach(async () => {
  test.skip(!SSO, 'SSO_URL is set by ./platform test');
});

/** From the platform's sign-in page, through the provider's login page, back. */
async function signInAtProvider(page: Page, login: string) {
  await page.getByRole('link', { name: 'Inloggen met Gemeente Demodorp' }).click();
  // The provider's own page (another origin).
  await expect(page.getByRole('heading', { name: /Inloggen bij Gemeente Voorbeeld/ })).toBeVisible();
  await page.getByLabel('Gebruikersnaam').fill(login);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('a learner signs in with the organisation, then signs out there too', async ({ page }, testInfo) => {
  await page.goto(`${SSO}/inloggen?next=/cursussen`);
  await waitForHydration(page, testInfo);
  // The organisation first, the password form second.
  const button = page.getByRole('link', { name: 'Inloggen met Gemeente Demodorp' });
  await expect(button).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Of log in met e-mailadres en wachtwoord' })).toBeVisible();
  await expectNoA11yViolations(page);

  await signInAtProvider(page, 'leerling');
  // Back where they were going, signed in as the person the provider named.
  await expect(page).toHaveURL(`${SSO}/cursussen`);
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  await page.goto(`${SSO}/mijn`);
  await expect(page.getByText('Lotte Leerling').first()).toBeVisible();

  await waitForHydration(page, testInfo);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(`${SSO}/uitgelogd?organisatie=1`);
  await expect(page.getByRole('heading', { level: 1, name: 'Uitgelogd' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Ook uitloggen bij Gemeente Demodorp' }).click();
  // The provider asks first, then sends the person back.
  await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
  await expect(page).toHaveURL(`${SSO}/uitgelogd?provider=1`);
  await page.goto(`${SSO}/mijn`);
  await expect(page.getByRole('link', { name: 'Inloggen' }).first()).toBeVisible();
});

test('a person the platform does not know is refused with a clear Dutch message', async ({ page }, testInfo) => {
  await page.goto(`${SSO}/inloggen`);
  await waitForHydration(page, testInfo);
  await signInAtProvider(page, 'onbekend');
  await expect(page).toHaveURL(/\/inloggen\?sso=onbekend/);
  await expect(page.getByRole('alert')).toContainText('Er is op het leerplatform geen account voor jou');
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
