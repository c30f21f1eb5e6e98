// The learner's journey in a real browser, once with JavaScript on and once
// off (the two projects in playwright.config.ts): sign in, work through the
// starter course (every lesson question answered through the forms), give
// feedback on a module and on the course, pass the exam, see the record, and
// verify it on the public page. Every page on the way gets an axe scan.
//
// The page never contains the answers, so the test reads them from the parsed
// content model that `server check --format json` prints (MODEL_JSON).
import { test, expect, Page } from '@playwright/test';
import { expectNoA11yViolations, waitForHydration } from './a11y';
import { answerCorrectly, courseModules, Module } from './content';

const COURSE = 'participatie-in-de-praktijk';
// The test learners made by ./platform (create-user refuses a password
// that is easy to guess, such as the demo accounts' one).
const PASSWORD = process.env.E2E_PASSWORD ?? 'fietsbel-kanaal-e2e-47';

/** Rate with the feedback form at the end of the page, and see it saved. */
async function giveFeedback(page: Page, heading: string, rating: string, comment: string) {
  const form = page.locator('#feedback');
  await expect(form.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await form.getByLabel(rating).check();
  await form.getByLabel('Opmerking (niet verplicht)').fill(comment);
  await form.getByRole('button', { name: /^Feedback (versturen|aanpassen)$/ }).click();
  await expect(form.getByText('Je feedback is bewaard.')).toBeVisible();
  await expect(form.getByLabel(rating)).toBeChecked();
  await expect(form.getByLabel('Opmerking (niet verplicht)')).toHaveValue(comment);
  await expect(form.getByRole('button', { name: 'Feedback aanpassen' })).toBeVisible();
  // Stored, not only on the screen.
  await page.reload();
  await expect(page.locator('#feedback').getByLabel(rating)).toBeChecked();
  await expect(page.locator('#feedback').getByLabel('Opmerking (niet verplicht)')).toHaveValue(comment);
}

function model(): Module[] {
  return courseModules(COURSE);
}

test('a learner completes the starter course and verifies the record', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const email = testInfo.project.name === 'js' ? 'e2e-js@demodorp.example' : 'e2e-nojs@demodorp.example';
  const modules = model();
  // The pages' Content-Security-Policy lets the hydration scripts and the
  // bundle run and blocks everything else: the whole journey must not
  // trigger a single violation.
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) violations.push(msg.text());
  });

  // Sign in.
  await page.goto(`/inloggen?next=/cursussen/${COURSE}`);
  await waitForHydration(page, testInfo);
  await expectNoA11yViolations(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(new RegExp(`/cursussen/${COURSE}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Participatie in de praktijk' })).toBeVisible();
  await expectNoA11yViolations(page);

  // Every lesson: answer each question through its form and see the feedback.
  await page.getByRole('link', { name: 'Begin de cursus' }).click();
  for (const m of modules.filter((m) => m.kind.kind === 'lesson')) {
    await expect(page).toHaveURL(new RegExp(`/cursussen/${COURSE}/${m.id}`));
    await waitForHydration(page, testInfo);
    // The lesson's text is in the page as the server sent it; hydration and
    // the page data fetched again after each answer keep it (the hydration
    // data carries no copy of it: pages/hydration.rs).
    const lesson = await page.locator('article .prose').allInnerTexts();
    expect(lesson.join('').length).toBeGreaterThan(500);
    for (const q of m.questions) {
      const section = page.locator(`#vraag-${q.id}`);
      await expect(section.locator('.feedback')).toHaveCount(0); // no feedback before answering
      await expect(section.locator('legend .prompt')).not.toBeEmpty();
      await answerCorrectly(page, q);
      await section.getByRole('button').click();
      await expect(section.locator('.feedback-correct')).toBeVisible();
      await expect(section.locator('legend .prompt')).not.toBeEmpty();
    }
    expect(await page.locator('article .prose').allInnerTexts()).toEqual(lesson);
    if (m.id === modules[0].id) await expectNoA11yViolations(page);
    await expect(page.getByText('Je hebt dit onderdeel afgerond.')).toBeVisible();
    if (m.id === modules[0].id) {
      // Feedback on the module: five labelled ratings and a comment; sent
      // and shown again, then changed.
      await giveFeedback(page, 'Wat vond je van deze module?', '4 – goed', 'Heldere voorbeelden.');
      await giveFeedback(page, 'Wat vond je van deze module?', '5 – uitstekend', 'Heldere voorbeelden, en kort.');
      await expectNoA11yViolations(page);
    }
    await page.getByRole('link', { name: /^Volgende:/ }).click();
  }

  // The exam.
  const exam = modules.find((m) => m.kind.kind === 'exam')!;
  await expect(page).toHaveURL(new RegExp(`/cursussen/${COURSE}/${exam.id}`));
  await waitForHydration(page, testInfo);
  await page.getByRole('button', { name: 'Start de toets' }).click();
  await expect(page.getByRole('button', { name: 'Toets inleveren' })).toBeVisible();
  await expectNoA11yViolations(page);
  const shown = await page.locator('form.exam-form section.question').evaluateAll((els) => els.map((e) => e.id));
  expect(shown.length).toBe(12);
  for (const anchor of shown) {
    const q = exam.questions.find((x) => `vraag-${x.id}` === anchor)!;
    await answerCorrectly(page, q);
  }
  await page.getByRole('button', { name: 'Toets inleveren' }).click();
  await expect(page).toHaveURL(/\/poging\/1$/);
  await expect(page.getByText('Geslaagd!')).toBeVisible();
  await expectNoA11yViolations(page);

  // The record, its certificate and the public verification page.
  await page.getByRole('link', { name: 'Bekijk je bewijs van deelname' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bewijs van deelname' })).toBeVisible();
  await expect(page.getByText('Participatie in de praktijk').first()).toBeVisible();
  await expectNoA11yViolations(page);
  const verify = await page.locator('.certificate-verify a').getAttribute('href');
  expect(verify).toMatch(/^\/verify\/[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/);

  // The course as a whole, on its page now that it is complete.
  await page.goto(`/cursussen/${COURSE}`);
  await waitForHydration(page, testInfo);
  await giveFeedback(page, 'Wat vond je van deze cursus?', '3 – redelijk', '');
  await expectNoA11yViolations(page);

  await page.goto('/mijn');
  await expect(page.getByRole('heading', { level: 2, name: 'Afgerond' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Participatie in de praktijk', exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  // Anyone with the link, not signed in, in the same JavaScript mode as this project.
  const visitorContext = await page.context().browser()!.newContext({
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${testInfo.project.use.baseURL}${verify}`);
  await expect(visitor.getByText('Dit bewijs is echt en geldig.')).toBeVisible();
  await expect(visitor.getByText('Team Omgevingsplan')).toBeVisible();
  await expectNoA11yViolations(visitor);
  const unknown = await visitor.goto(`${testInfo.project.use.baseURL}/verify/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF`);
  expect(unknown?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { name: 'Onbekende code' })).toBeVisible();
  await visitorContext.close();
  expect(violations).toEqual([]);
});
