import { test, expect } from '@playwright/test';
import { expectNoA11yViolations, waitForHydration } from './a11y';

test('the home page shows the catalog, hydrates with JS and passes axe', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Cursussen – Leerplatform Participatie/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1, name: 'Cursussen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Participatie in de praktijk' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  await waitForHydration(page, testInfo);
  if (testInfo.project.name === 'no-js') {
    await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  }
  await expectNoA11yViolations(page);
});

test('the skip link is the first stop and moves focus to the main content', async ({ page }, testInfo) => {
  await page.goto('/');
  await waitForHydration(page, testInfo);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Ga naar de inhoud' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#inhoud$/);
});

test('an unknown page is a Dutch 404', async ({ page }) => {
  const res = await page.goto('/bestaat-niet');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await expectNoA11yViolations(page);
});

test('health endpoints answer', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  expect((await request.get('/readyz')).status()).toBe(200);
});

test('English can be chosen, is kept across pages and switched back; Dutch is the default', async ({ page }, testInfo) => {
  // An English-speaking browser still gets Dutch until the person chooses.
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-GB,en;q=0.9' });
  await page.goto('/inloggen');
  await waitForHydration(page, testInfo);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await page.getByRole('link', { name: 'English' }).click();
  // Back on the same page, in English.
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  await waitForHydration(page, testInfo);
  await expectNoA11yViolations(page);
  // The choice is kept: another page is English too, and Dutch course content is marked as Dutch.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible();
  await page.getByRole('link', { name: 'Participatie in de praktijk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Participatie in de praktijk' })).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 2, name: 'Parts' })).toBeVisible();
  await waitForHydration(page, testInfo);
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 2, name: 'Onderdelen' })).toBeVisible();
});
