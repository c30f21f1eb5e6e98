// Preview for authors (issue 18, item 3), in a real browser against the
// main test server, whose drafts folder ./platform fills with a draft of the
// Dutch course (E2E_CONTENT_DIR): a trainer opens a draft lesson, answers a
// question and sees it graded (JavaScript on and off); with JavaScript, the
// open page reloads itself within a second when the author saves a file, and
// a mistake saved shows up at its place with file and line.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { answerCorrectly, courseModules } from './content';
import { expectNoA11yViolations, waitForHydration } from './a11y';

const COURSE = 'participatie-in-de-praktijk';
const LESSON = 'waarom-participatie';
const FILE = '01-waarom-participatie.md';

function draftFile(): string {
  const dir = process.env.E2E_CONTENT_DIR;
  if (!dir) throw new Error('E2E_CONTENT_DIR is not set: run the suite through ./platform test');
  return path.join(dir, 'drafts', 'courses', COURSE, FILE);
}

async function signInAsTrainer(page: Page, next: string) {
  await page.goto(`/inloggen?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mailadres').fill('trainer@demodorp.example');
  await page.getByLabel('Wachtwoord').fill('demo-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect(page).toHaveURL((u) => u.pathname === next);
}

test('a trainer answers a question of a draft and sees it graded, stored nowhere', async ({ page }, testInfo) => {
  const url = `/voorbeeld/${COURSE}/${LESSON}`;
  await signInAsTrainer(page, url);
  await waitForHydration(page, testInfo);
  await expect(page.getByRole('heading', { level: 1, name: 'Waarom participatie?' })).toBeVisible();
  await expect(page.getByText('Voorbeeld van een concept.')).toBeVisible();
  const q = courseModules(COURSE).find((m) => m.id === LESSON)!.questions[0];
  await answerCorrectly(page, q);
  await page.locator(`#vraag-${q.id}`).getByRole('button', { name: 'Controleer mijn antwoord' }).click();
  await expect(page).toHaveURL(new RegExp(`${url}\\?vraag=${q.id}.*#vraag-${q.id}$`));
  await expect(page.locator(`#vraag-${q.id}`).getByText('Goed!')).toBeVisible();
  await expectNoA11yViolations(page);
  // The learner's own page of the live course shows no answer of the trainer's.
  await page.goto(`/cursussen/${COURSE}/${LESSON}`);
  await expect(page.locator(`#vraag-${q.id}`).getByText('Goed!')).toHaveCount(0);
});

test('the open preview reloads itself when the author saves, with mistakes at their place', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'js', 'the live reload needs JavaScript');
  const file = draftFile();
  const original = fs.readFileSync(file, 'utf8');
  try {
    await signInAsTrainer(page, `/voorbeeld/${COURSE}/${LESSON}`);
    await waitForHydration(page, testInfo);
    await expect(page.getByRole('heading', { level: 2, name: 'Wat is participatie?' })).toBeVisible();

    fs.writeFileSync(file, original.replace('## Wat is participatie?', '## Wat is participatie eigenlijk?'));
    const saved = Date.now();
    await expect(page.getByRole('heading', { level: 2, name: 'Wat is participatie eigenlijk?' })).toBeVisible({ timeout: 5_000 });
    const took = Date.now() - saved;
    console.log(`preview reloaded ${took} ms after the file was saved`);
    expect(took, 'reloaded within two seconds of saving (a poll every 0.5 s, then the page)').toBeLessThan(2_000);

    // A link to a module file that is not there: an error, on the page where it is.
    await waitForHydration(page, testInfo);
    fs.writeFileSync(
      file,
      original.replace(
        'Besluiten zonder betrokkenen missen vaak draagvlak.',
        'Besluiten zonder betrokkenen missen vaak draagvlak, zie [de les](99-bestaat-niet.md).',
      ),
    );
    // The problem: its place (`path:line:column`) and what is wrong.
    const problem = page.locator('li', { hasText: new RegExp(`${FILE}:\\d+:\\d+`) });
    await expect(problem).toBeVisible({ timeout: 5_000 });
    await expect(problem).toContainText('99-bestaat-niet.md');
    const problemBox = await problem.boundingBox();
    const questionBox = await page.locator('#vraag-besluit-zonder-betrokkenen').boundingBox();
    expect(problemBox!.y, 'the problem stands above its question').toBeLessThan(questionBox!.y);

    await page.goto(`/voorbeeld/${COURSE}`);
    await expect(page.getByText('fouten: 1')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Concept publiceren' })).toBeDisabled();
    await expectNoA11yViolations(page);
  } finally {
    fs.writeFileSync(file, original);
  }
});
