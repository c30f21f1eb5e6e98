// The self-scan "Waar sta je?" (issue 18, item 5) on the seeded demo server
// (SSO_URL, `seed-demo --people 40` in ./platform): a learner finds the
// scan on the course page, answers it with the keyboard-usable form, and is
// sent to the modules its options point to, in course order, with the
// reasons; the advice is on their dashboard; HR sees per department how
// people answered. With JavaScript on and off, and every page passes axe.
import { test, expect } from '@playwright/test';
import { DEMO, needsDemoServer, signInToDemo as signIn } from './demo';
import { expectNoA11yViolations, waitForHydration } from './a11y';

const COURSE = 'participatie-in-de-praktijk';

needsDemoServer();

test('a learner takes the scan and is sent to the right modules', async ({ page }, testInfo) => {
  await signIn(page, 'leerling@demodorp.example', `/cursussen/${COURSE}`);
  await page.getByRole('link', { name: 'Waar sta je? Doe de scan' }).click();
  await expect(page).toHaveURL(`${DEMO}/scan/${COURSE}`);
  await waitForHydration(page, testInfo);
  await expect(page.getByRole('heading', { level: 1, name: 'Waar sta je?' })).toBeVisible();
  await expectNoA11yViolations(page);

  // Each question is a group named by its question; the options are
  // labelled radio buttons and, for the last question, checkboxes.
  const stage = page.getByRole('group', { name: /In welk stadium zit jouw participatietraject/ });
  await stage.getByLabel('We hebben al een online tool in huis gehaald').check();
  const lead = page.getByRole('group', { name: /Wie komt met het plan/ });
  await lead.getByLabel('Inwoners: zij komen met een eigen initiatief').check();
  const worries = page.getByRole('group', { name: /Waar maak je je zorgen over/ });
  await worries.getByLabel('Wie er intern over beslist en hoeveel ruimte er is').check();
  await page.getByRole('button', { name: /Laat zien waar ik begin|Scan opnieuw versturen/ }).click();

  // The advice: every module the chosen options point to, once, in
  // course order, with why.
  const advice = page.getByRole('region', { name: 'Jouw advies' });
  await expect(advice).toBeVisible();
  await expect(advice.locator('ol.advice-list > li > a')).toHaveText([
    'Twee richtingen: burgerparticipatie en overheidsparticipatie',
    'Vier stappen naar participatie',
    'Participatie is maatwerk',
    'Initiatieven uit de samenleving',
  ]);
  await expect(advice).toContainText('Een tool helpt pas als het plan er ligt.');
  // The answers stay chosen, to take it again.
  await expect(stage.getByLabel('We hebben al een online tool in huis gehaald')).toBeChecked();
  await expectNoA11yViolations(page);

  // The advice leads to the module.
  await advice.getByRole('link', { name: 'Vier stappen naar participatie' }).click();
  await expect(page).toHaveURL(`${DEMO}/cursussen/${COURSE}/vier-stappen`);

  // And waits on the dashboard.
  await page.goto(`${DEMO}/mijn`);
  const mine = page.getByRole('region', { name: 'Waar sta je?' });
  await expect(mine.getByRole('link', { name: 'Vier stappen naar participatie' })).toBeVisible();
  await expect(mine.getByRole('link', { name: 'Scan opnieuw doen' })).toBeVisible();
  await expectNoA11yViolations(page);
});

test('HR sees per department how people answered the scan', async ({ page }) => {
  await signIn(page, 'hr@demodorp.example', '/rapportage/scan');
  await expect(page.getByRole('heading', { level: 1, name: 'Waar staan de afdelingen?' })).toBeVisible();
  const stage = page.getByRole('table', { name: /In welk stadium zit jouw participatietraject/ });
  await expect(stage.getByRole('rowheader', { name: 'Hele organisatie' })).toBeVisible();
  await expect(stage.getByRole('columnheader', { name: 'Het plan van aanpak ligt er' })).toBeVisible();
  await expectNoA11yViolations(page);
});
