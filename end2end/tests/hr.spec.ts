// HR's journey in a real browser, once with JavaScript on and once off: HR
// makes a course mandatory for a department, a learner there sees the
// deadline and completes the course, HR sees it in the matrix and downloads
// the matrix as CSV and as XLSX. Every page on the way gets an axe scan.
import { test, expect, Page, TestInfo } from '@playwright/test';
import * as fs from 'fs';
import { expectNoA11yViolations, waitForHydration } from './a11y';
import { answerCorrectly, courseModules } from './content';

const COURSE = 'participation-basics';
// The demo accounts share the README's demo password; the test learners
// made by ./platform have a password of their own (create-user refuses one
// that is easy to guess).
const DEMO_PASSWORD = 'demo-wachtwoord';
const E2E_PASSWORD = process.env.E2E_PASSWORD ?? 'fietsbel-kanaal-e2e-47';

/** Each browser project works in its own department, with its own learner. */
function setup(testInfo: TestInfo) {
  return testInfo.project.name === 'js'
    ? { learner: 'e2e-hr-js@demodorp.example', department: 'Afdeling Mobiliteit' }
    : { learner: 'e2e-hr-nojs@demodorp.example', department: 'Afdeling Welzijn en Zorg' };
}

async function signIn(page: Page, testInfo: TestInfo, email: string, next: string) {
  await page.goto(`/inloggen?next=${encodeURIComponent(next)}`);
  await waitForHydration(page, testInfo);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(email.startsWith('e2e-') ? E2E_PASSWORD : DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, '\\?')}$`));
}

/** The value of the option of `select` whose text (trimmed) is `text`. */
async function optionValue(page: Page, select: string, text: string): Promise<string> {
  const value = await page.locator(`${select} option`).evaluateAll(
    (options, wanted) => options.find((o) => (o.textContent ?? '').replace(/\u00a0/g, ' ').trim() === wanted)?.getAttribute('value') ?? null,
    text,
  );
  if (!value) throw new Error(`no option "${text}" in ${select}`);
  return value;
}

test('HR assigns a course, a learner completes it, HR sees it and downloads the matrix', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const { learner, department } = setup(testInfo);
  const js = testInfo.project.use.javaScriptEnabled;
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const [y, m, d] = due.split('-');

  // HR: make the course mandatory for the department.
  const hrContext = await browser.newContext({ javaScriptEnabled: js, acceptDownloads: true });
  const hr = await hrContext.newPage();
  await signIn(hr, testInfo, 'hr@demodorp.example', '/rapportage/verplicht');
  await waitForHydration(hr, testInfo);
  await expectNoA11yViolations(hr);
  await hr.getByLabel('Cursus', { exact: true }).selectOption(COURSE);
  await hr.getByLabel('Afdeling', { exact: true }).selectOption(await optionValue(hr, '#verplicht-afdeling', department));
  await hr.getByLabel(/Uiterlijk af op/).fill(due);
  await hr.getByRole('button', { name: 'Verplicht stellen' }).click();
  await expect(hr.getByRole('cell', { name: new RegExp(department) }).first()).toBeVisible();
  await expectNoA11yViolations(hr);

  // The learner sees the deadline and completes the course.
  const learnerContext = await browser.newContext({ javaScriptEnabled: js });
  const page = await learnerContext.newPage();
  await signIn(page, testInfo, learner, '/mijn');
  await expect(page.getByRole('heading', { level: 2, name: 'Verplicht' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Participation basics.*${d}-${m}-${y}`) })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto('/');
  await expect(page.getByText(`Verplicht – uiterlijk ${d}-${m}-${y}`)).toBeVisible();
  await page.goto(`/cursussen/${COURSE}`);
  await page.getByRole('link', { name: 'Begin de cursus' }).click();
  const modules = courseModules(COURSE);
  for (const [i, mod] of modules.entries()) {
    await expect(page).toHaveURL(new RegExp(`/cursussen/${COURSE}/${mod.id}`));
    await waitForHydration(page, testInfo);
    for (const q of mod.questions) {
      const section = page.locator(`#vraag-${q.id}`);
      await answerCorrectly(page, q);
      await section.getByRole('button').click();
      await expect(section.locator('.feedback-correct')).toBeVisible();
    }
    await expect(page.getByText('Je hebt dit onderdeel afgerond.')).toBeVisible();
    if (i + 1 < modules.length) await page.getByRole('link', { name: /^Volgende:/ }).click();
  }
  await page.goto('/mijn');
  await expect(page.getByRole('cell', { name: 'Participation basics', exact: true })).toBeVisible();
  await learnerContext.close();

  // HR: the matrix, focused on the department, shows it completed.
  await hr.goto('/rapportage');
  await waitForHydration(hr, testInfo);
  await hr.getByLabel('Cursus', { exact: true }).selectOption(COURSE);
  await hr.getByLabel('Afdeling', { exact: true }).selectOption(await optionValue(hr, '#f-afdeling', department));
  await hr.getByRole('button', { name: 'Toon' }).click();
  await expect(hr).toHaveURL(new RegExp(`cursus=${COURSE}`));
  const mobRow = hr.getByRole('row', { name: new RegExp(department) });
  await expect(mobRow).toBeVisible();
  await expect(hr.locator('figure.chart svg[role="img"]')).toBeVisible();
  await expectNoA11yViolations(hr);

  // Both downloads.
  const [csvDownload] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('link', { name: /^CSV/ }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  const csv = fs.readFileSync((await csvDownload.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8');
  expect(text).toContain('Afdeling;Cursus;Medewerkers;Afgerond');
  const line = text.split('\r\n').find((l) => l.startsWith(`${department};`));
  expect(line, text).toBeTruthy();
  // One learner in the department, completed, and it was mandatory.
  expect(line!.split(';').slice(2, 4)).toEqual(['1', '1']);
  const [xlsxDownload] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('link', { name: 'Excel (XLSX)' }).click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  const xlsx = fs.readFileSync((await xlsxDownload.path())!);
  expect(xlsx.subarray(0, 2).toString()).toBe('PK'); // a zip container, as XLSX is
  await hrContext.close();
});
