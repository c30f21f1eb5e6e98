// The learner's journey in a real browser, once with JavaScript on and once
// off (the two projects in playwright.config.ts): sign in, work through the
// starter course (every lesson question answered through the forms), pass the
// exam, see the record, and verify it on the public page. Every page on the
// way gets an axe scan.
//
// The page never contains the answers, so the test reads them from the parsed
// content model that `server check --format json` prints (MODEL_JSON).
import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import { expectNoA11yViolations, waitForHydration } from './a11y';

const COURSE = 'participatie-in-de-praktijk';
const PASSWORD = 'demo-wachtwoord';

type Choice = { html: string; weight: number };
type Question = { id: string; answer: any };
type Module = { id: string; title: string; kind: { kind: string }; questions: Question[] };

function model(): Module[] {
  const path = process.env.MODEL_JSON;
  if (!path) throw new Error('MODEL_JSON is not set: run the suite through ./platform test');
  const json = JSON.parse(fs.readFileSync(path, 'utf8'));
  return json.catalog.courses.find((c: any) => c.id === COURSE).modules;
}

/** Fill in the correct answer to `q` in the current page's form controls. */
async function answerCorrectly(page: Page, q: Question) {
  const a = q.answer;
  const base = `#vraag-${q.id}`;
  switch (a.type) {
    case 'single': {
      const best = a.options.reduce((bi: number, o: Choice, i: number, all: Choice[]) => (o.weight > all[bi].weight ? i : bi), 0);
      await page.locator(`${base}-o${best}`).check();
      break;
    }
    case 'multiple':
      for (let i = 0; i < a.options.length; i++) {
        const box = page.locator(`${base}-o${i}`);
        if (a.options[i].weight > 0) await box.check(); else await box.uncheck();
      }
      break;
    case 'order':
      for (let i = 0; i < a.items.length; i++) await page.locator(`${base}-o${i}`).selectOption(String(i + 1));
      break;
    case 'match':
      for (let i = 0; i < a.pairs.length; i++) await page.locator(`${base}-m${i}`).selectOption(String(i));
      break;
    case 'text': {
      const best = a.accepted.reduce((b: any, x: any) => (x.weight > b.weight ? x : b));
      await page.locator(`${base}-t`).fill(best.text);
      break;
    }
    case 'numeric': {
      const best = a.accepted.reduce((b: any, x: any) => (x.weight > b.weight ? x : b));
      const t = best.target;
      await page.locator(`${base}-t`).fill(String(t.kind === 'tolerance' ? t.value : (t.min + t.max) / 2));
      break;
    }
    default:
      throw new Error(`unknown question type ${a.type}`);
  }
}

test('a learner completes the starter course and verifies the record', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const email = testInfo.project.name === 'js' ? 'e2e-js@demodorp.example' : 'e2e-nojs@demodorp.example';
  const modules = model();

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
    for (const q of m.questions) {
      const section = page.locator(`#vraag-${q.id}`);
      await expect(section.locator('.feedback')).toHaveCount(0); // no feedback before answering
      await answerCorrectly(page, q);
      await section.getByRole('button').click();
      await expect(section.locator('.feedback-correct')).toBeVisible();
    }
    if (m.id === modules[0].id) await expectNoA11yViolations(page);
    await expect(page.getByText('Je hebt dit onderdeel afgerond.')).toBeVisible();
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
});
