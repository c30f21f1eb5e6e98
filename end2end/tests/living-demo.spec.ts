// The demo municipality as a newcomer meets it (issue 18, item 6): the
// server of sso.spec.ts (SSO_URL) is seeded with demo employees who worked
// through the starter course (`seed-demo --people 40` in ./platform), so
// the trainer's course page shows what learners think of each module and
// HR's report shows progress, with JavaScript on and off, and both pass axe.
import { test, expect } from '@playwright/test';
import { needsDemoServer, signInToDemo as signIn } from './demo';
import { expectNoA11yViolations, waitForHydration } from './a11y';

const COURSE = 'participatie-in-de-praktijk';

needsDemoServer();

test('the trainer sees what learners think of each module, beside the question analysis', async ({ page }, testInfo) => {
  await signIn(page, 'trainer@demodorp.example', `/trainer/${COURSE}`);
  await waitForHydration(page, testInfo);
  await expect(page.getByRole('heading', { level: 2, name: 'Wat deelnemers ervan vinden' })).toBeVisible();
  const summary = page.getByRole('table', { name: 'Waardering per onderdeel' });
  await expect(summary).toBeVisible();
  // The course as a whole and every module, each a row.
  await expect(summary.locator('tbody tr')).toHaveCount(9);
  await expect(summary.getByRole('rowheader', { name: 'De cursus als geheel' })).toBeVisible();
  // Means with a decimal comma where enough people answered.
  expect(await summary.locator('td').filter({ hasText: /^[1-5],\d$/ }).count()).toBeGreaterThan(0);
  // A module's ratings over time and its comments, folded open.
  const part = page.locator('details.feedback-part').first();
  await part.locator('summary').click();
  await expect(part.getByRole('table')).toBeVisible();
  await expect(part.locator('tbody tr').first()).toContainText(/20\d\d/);
  // The question analysis below it.
  await expect(page.getByRole('heading', { level: 2, name: 'Vragen' })).toBeVisible();
  await expectNoA11yViolations(page);
});

test('HR sees progress in the report of the demo municipality', async ({ page }) => {
  await signIn(page, 'hr@demodorp.example', '/rapportage');
  const figures = await page.locator('main').innerText();
  expect(figures).toMatch(/[1-9]\d* %/);
  await expectNoA11yViolations(page);
});
