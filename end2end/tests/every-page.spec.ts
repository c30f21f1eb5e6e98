// Every page of the app, as every kind of person, with JavaScript on and off
// (issue 14, item 9): each page a role can reach is opened and gets an axe
// scan (WCAG 2.1 A/AA), a check of its <title> (present, distinct from the
// role's other pages) and of its one h1. Anonymous visitors open every page:
// the ones that need an account must show the sign-in prompt, and pass the
// same checks. The learner's pages are visited in English too.
//
// The pages come from the router: the table PAGES names each page by its
// pattern as `server/src/router.rs` registers it, and who may see it, as
// `server/tests/access_matrix.rs` says. `server/tests/every_page_spec.rs`
// fails when the router serves a page this table lacks; each test here fails
// when it did not visit every page of the table its role may see. Real ids
// are found by navigating: the catalog, the course page, the learner's
// dashboard, the report's filters and tables.
//
// The demo accounts are used as they are: the learner completes the short
// English course and takes the final exam of the Dutch course once (both
// runs, JavaScript on and off, reuse what the first left), nothing else
// changes.
import { test, expect, Browser, Page, TestInfo } from '@playwright/test';
import { expectNoA11yViolations, waitForHydration } from './a11y';
import { answerCorrectly, courseModules } from './content';

type Role = 'anonymous' | 'learner' | 'trainer' | 'hr' | 'manager' | 'admin';

const ALL: Role[] = ['anonymous', 'learner', 'trainer', 'hr', 'manager', 'admin'];
const SIGNED_IN: Role[] = ['learner', 'trainer', 'hr', 'manager', 'admin'];
const ADMIN: Role[] = ['admin'];
const GRADERS: Role[] = ['trainer', 'hr', 'admin'];
const REPORTS: Role[] = ['hr', 'manager', 'admin'];
const HR_ADMIN: Role[] = ['hr', 'admin'];
const TRAINERS: Role[] = ['trainer', 'admin'];

/**
 * Every page pattern of the router and the roles that see the page itself
 * (mirroring server/tests/access_matrix.rs). Anonymous visitors open the
 * others too and get the sign-in prompt. One row a line: the Rust test
 * reads the quoted patterns.
 */
const PAGES: Record<string, Role[]> = {
  '/': ALL,
  '/inloggen': ALL,
  '/uitgelogd': ALL,
  '/mijn': SIGNED_IN,
  '/mijn/gegevens': SIGNED_IN,
  '/cursussen/{course}': ALL,
  '/cursussen/{course}/{module}': SIGNED_IN,
  '/cursussen/{course}/{module}/poging/{number}': ['learner'],
  '/certificaat/{code}': ['learner', 'hr', 'admin'],
  '/verify/{code}': ALL,
  '/beheer': ADMIN,
  '/beheer/afdelingen': ADMIN,
  '/beheer/import': ADMIN,
  '/beheer/audit': ADMIN,
  '/beheer/pogingen': GRADERS,
  '/beheer/privacy/{id}': ADMIN,
  '/trainer': TRAINERS,
  '/trainer/{course}': TRAINERS,
  '/trainer/{course}/bron/{file}': TRAINERS,
  '/voorbeeld': TRAINERS,
  '/voorbeeld/{course}': TRAINERS,
  '/voorbeeld/{course}/{module}': TRAINERS,
  '/rapportage': REPORTS,
  '/rapportage/verplicht': HR_ADMIN,
  '/rapportage/scan': HR_ADMIN,
  '/scan/{course}': SIGNED_IN,
  '/rapportage/te-laat': REPORTS,
  '/rapportage/certificaten': REPORTS,
  '/rapportage/afdeling/{id}': REPORTS,
  '/rapportage/persoon/{id}': REPORTS,
};

const EMAILS: Record<Exclude<Role, 'anonymous'>, string> = {
  learner: 'leerling@demodorp.example',
  trainer: 'trainer@demodorp.example',
  hr: 'hr@demodorp.example',
  manager: 'manager@demodorp.example',
  admin: 'beheerder@demodorp.example',
};
const DEMO_PASSWORD = 'demo-wachtwoord';
const SITE = 'Leerplatform Participatie';
const PROMPT = { nl: 'Je moet ingelogd zijn om deze pagina te zien.', en: 'You need to be signed in to see this page.' };

const COURSE = 'participatie-in-de-praktijk';
const SHORT_COURSE = 'participation-basics';
// A module file of the Dutch course, for the trainers' source page.
const SOURCE_FILE = '08-eindtoets.md';
// A lesson and the exam of the Dutch course's draft, for its preview pages.
const DRAFT_LESSON = 'waarom-participatie';
const DRAFT_EXAM = 'eindtoets';
// The learner's department, under the demo manager's, and its team.
const DEPARTMENT = 'Afdeling Ruimtelijke Ontwikkeling';
const TEAM = 'Team Omgevingsplan';
const LEARNER_NAME = 'Lotte de Leerling';
const UNKNOWN_CODE = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF';

/** One page to open: its pattern, the address, and the answer it gives. */
type Visit = { pattern: string; url: string; status?: number };

/** With JavaScript on (`js`), wait until the page has hydrated. */
async function hydrated(page: Page, js: boolean) {
  if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

async function signIn(page: Page, js: boolean, role: Exclude<Role, 'anonymous'>) {
  await page.goto('/inloggen?next=/mijn');
  await hydrated(page, js);
  await page.getByLabel(/^(E-mailadres|E-mail address)$/).fill(EMAILS[role]);
  await page.getByLabel(/^(Wachtwoord|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Inloggen|Sign in)$/ }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/mijn');
  await expect(page.getByRole('heading', { level: 1, name: /^(Mijn leeromgeving|My learning)$/ })).toBeVisible();
}

async function href(page: Page, selector: string): Promise<string> {
  const value = await page.locator(selector).first().getAttribute('href', { timeout: 10_000 });
  if (!value) throw new Error(`no link ${selector} on ${page.url()}`);
  return value;
}

/** The value of the option of `select` whose text (trimmed) is `text`. */
async function optionValue(page: Page, select: string, text: string): Promise<string> {
  const value = await page.locator(`${select} option`).evaluateAll(
    (options, wanted) =>
      options.find((o) => (o.textContent ?? '').replace(/\u00a0/g, ' ').trim() === wanted)?.getAttribute('value') ?? null,
    text,
  );
  if (!value) throw new Error(`no option "${text}" in ${select} on ${page.url()}`);
  return value;
}

/** The learner's pages with ids in them, found the way the learner finds them. */
type LearnerPages = {
  course: string;
  englishCourse: string;
  lesson: string;
  exam: string;
  attempt: string;
  certificate: string;
  verify: string;
};

/**
 * Signs the demo learner in (in a context of its own) and finds the
 * course, a lesson, the exam, an exam attempt and a certificate. The first
 * time, on a fresh database, it makes the last two: it takes the Dutch
 * course's exam once and completes the short English course.
 */
async function learnerPages(browser: Browser): Promise<LearnerPages> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  try {
    await signIn(page, true, 'learner');
    await page.goto('/');
    const course = await href(page, `a[href="/cursussen/${COURSE}"]`);
    const englishCourse = await href(page, `a[href="/cursussen/${SHORT_COURSE}"]`);
    await page.goto(course);
    const modules = courseModules(COURSE);
    const examModule = modules.find((m) => m.kind.kind === 'exam')!;
    const lesson = await href(page, '.module-list a');
    const exam = await href(page, `.module-list a[href$="/${examModule.id}"]`);

    // An exam attempt: the learner's first, or a new one, answered and handed in.
    await page.goto(exam);
    await hydrated(page, true);
    const past = page.locator('a[href*="/poging/"]');
    if ((await past.count()) === 0) {
      if ((await page.getByRole('button', { name: 'Toets inleveren' }).count()) === 0) {
        await page.getByRole('button', { name: /^Start (de toets|een nieuwe poging)$/ }).click();
      }
      await expect(page.getByRole('button', { name: 'Toets inleveren' })).toBeVisible();
      const shown = await page.locator('form.exam-form section.question').evaluateAll((els) => els.map((e) => e.id));
      for (const anchor of shown) {
        await answerCorrectly(page, examModule.questions.find((q) => `vraag-${q.id}` === anchor)!);
      }
      await page.getByRole('button', { name: 'Toets inleveren' }).click();
      await expect(page).toHaveURL(/\/poging\/\d+$/);
      await page.goto(exam);
    }
    const attempt = await href(page, 'a[href*="/poging/"]');

    // A completion record: the short course, every question answered.
    await page.goto('/mijn');
    if ((await page.locator('a[href^="/certificaat/"]').count()) === 0) {
      for (const mod of courseModules(SHORT_COURSE)) {
        await page.goto(`/cursussen/${SHORT_COURSE}/${mod.id}`);
        await hydrated(page, true);
        for (const q of mod.questions) {
          const section = page.locator(`#vraag-${q.id}`);
          if ((await section.locator('.feedback-correct').count()) > 0) continue;
          await answerCorrectly(page, q);
          await section.getByRole('button').click();
          await expect(section.locator('.feedback-correct')).toBeVisible();
        }
      }
      await page.goto('/mijn');
    }
    const certificate = await href(page, 'a[href^="/certificaat/"]');
    await page.goto(certificate);
    const verify = await href(page, '.certificate-verify a');
    return { course, englishCourse, lesson, exam, attempt, certificate, verify };
  } finally {
    await context.close();
  }
}

/** The report's pages with ids in them, found in the report as `page`'s person finds them. */
type ReportPages = { department: string; team: string; person: string; privacy?: string };

async function reportPages(page: Page): Promise<ReportPages> {
  await page.goto('/rapportage');
  const department = await optionValue(page, '#f-afdeling', DEPARTMENT);
  const team = await optionValue(page, '#f-afdeling', TEAM);
  await page.goto(`/rapportage/afdeling/${team}`);
  const person = await href(page, `a[href^="/rapportage/persoon/"]:text-is("${LEARNER_NAME}")`);
  await page.goto(person);
  const privacyLink = page.locator('a[href^="/beheer/privacy/"]');
  const privacy = (await privacyLink.count()) > 0 ? await href(page, 'a[href^="/beheer/privacy/"]') : undefined;
  return { department, team, person, privacy };
}

/** The addresses of each pattern, with every id filled in. */
function visits(l: LearnerPages, r: ReportPages): Visit[] {
  const code = l.certificate.replace('/certificaat/', '');
  const urls: Record<string, (string | Visit)[]> = {
    '/': ['/'],
    '/inloggen': ['/inloggen'],
    '/uitgelogd': ['/uitgelogd'],
    '/mijn': ['/mijn'],
    '/mijn/gegevens': ['/mijn/gegevens'],
    '/cursussen/{course}': [l.course, l.englishCourse],
    '/cursussen/{course}/{module}': [l.lesson, l.exam],
    '/cursussen/{course}/{module}/poging/{number}': [l.attempt],
    '/certificaat/{code}': [l.certificate],
    '/verify/{code}': [l.verify, { pattern: '', url: `/verify/${UNKNOWN_CODE}`, status: 404 }],
    '/beheer': ['/beheer'],
    '/beheer/afdelingen': ['/beheer/afdelingen'],
    '/beheer/import': ['/beheer/import'],
    '/beheer/audit': ['/beheer/audit'],
    '/beheer/pogingen': ['/beheer/pogingen'],
    '/beheer/privacy/{id}': [r.privacy ?? ''],
    '/trainer': ['/trainer'],
    '/trainer/{course}': [`/trainer/${COURSE}`, `/trainer/${COURSE}?versie=alle&afdeling=${r.department}`],
    '/trainer/{course}/bron/{file}': [`/trainer/${COURSE}/bron/${SOURCE_FILE}`],
    // ./platform puts a draft of the Dutch course in the server's drafts folder.
    '/voorbeeld': ['/voorbeeld'],
    '/voorbeeld/{course}': [`/voorbeeld/${COURSE}`],
    '/voorbeeld/{course}/{module}': [`/voorbeeld/${COURSE}/${DRAFT_LESSON}`, `/voorbeeld/${COURSE}/${DRAFT_EXAM}`],
    '/rapportage': ['/rapportage', `/rapportage?afdeling=${r.department}`, `/rapportage?cursus=${COURSE}&afdeling=${r.team}`],
    '/rapportage/verplicht': ['/rapportage/verplicht'],
    '/rapportage/scan': ['/rapportage/scan'],
    '/scan/{course}': [`/scan/${COURSE}`],
    '/rapportage/te-laat': ['/rapportage/te-laat', `/rapportage/te-laat?afdeling=${r.department}`],
    '/rapportage/certificaten': ['/rapportage/certificaten', `/rapportage/certificaten?afdeling=${r.department}`],
    '/rapportage/afdeling/{id}': [`/rapportage/afdeling/${r.department}`],
    '/rapportage/persoon/{id}': [r.person],
  };
  expect(Object.keys(urls).sort()).toEqual(Object.keys(PAGES).sort());
  expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/);
  return Object.entries(urls).flatMap(([pattern, list]) =>
    list.map((v) => (typeof v === 'string' ? { pattern, url: v } : { ...v, pattern })),
  );
}

/**
 * Open every page `role` may see (and, for anonymous visitors, every other
 * page too, expecting the sign-in prompt) and check each. Every page is
 * checked even when an earlier one fails, and the test then lists them all.
 * Fails too when a pattern of PAGES was left out.
 */
async function visitAll(page: Page, testInfo: TestInfo, role: Role, all: Visit[], lang: 'nl' | 'en') {
  const mine = role === 'anonymous' ? all : all.filter((v) => PAGES[v.pattern].includes(role));
  const titles = new Map<string, string>();
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const visit of mine) {
    const prompt = !PAGES[visit.pattern].includes(role);
    if (!visit.url) throw new Error(`no address found for ${visit.pattern}`);
    seen.add(visit.pattern);
    await test.step(`${role} (${lang}): ${visit.url}${prompt ? ' (sign-in prompt)' : ''}`, async () => {
      try {
        await checkPage(page, testInfo, visit, prompt, lang, titles);
      } catch (e) {
        problems.push(`${visit.url}: ${String((e as Error).message).replace(/\x1b\[[0-9;]*m/g, '')}`);
      }
    });
  }
  expect(problems, `${problems.length} of ${mine.length} pages (${role}, ${lang})`).toEqual([]);
  const expected = Object.keys(PAGES).filter((p) => role === 'anonymous' || PAGES[p].includes(role));
  expect([...seen].sort(), `pages ${role} visited`).toEqual(expected.sort());
}

/** One page: its answer, language, prompt (or none), one h1, its own title, and axe. */
async function checkPage(
  page: Page,
  testInfo: TestInfo,
  visit: Visit,
  prompt: boolean,
  lang: 'nl' | 'en',
  titles: Map<string, string>,
) {
  const res = await page.goto(visit.url);
  const status = res?.status() ?? 0;
  if (prompt) expect([200, 401], 'status').toContain(status);
  else expect(status, 'status').toBe(visit.status ?? 200);
  await waitForHydration(page, testInfo);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const promptText = page.getByText(PROMPT[lang]);
  if (prompt) await expect(promptText).toBeVisible();
  else await expect(promptText).toHaveCount(0);
  // One h1, saying something.
  await expect(page.locator('h1'), 'one h1').toHaveCount(1);
  await expect(page.locator('h1')).toHaveText(/\S/);
  // A title of its own: "<what> – Leerplatform Participatie".
  const title = await page.title();
  expect(title, 'title').toMatch(new RegExp(`^\\S.* – ${SITE}$`));
  if (!prompt && visit.status === undefined) {
    for (const [other, t] of titles) {
      if (other !== visit.pattern) expect(title, `the same title as ${other}`).not.toBe(t);
    }
    titles.set(visit.pattern, title);
  }
  await expectNoA11yViolations(page);
}

for (const role of ALL) {
  test(`every page ${role === 'anonymous' ? 'an anonymous visitor opens' : `the ${role} may see`} passes axe and has a title and one h1`, async ({ browser, page }, testInfo) => {
    test.setTimeout(600_000);
    const js = testInfo.project.use.javaScriptEnabled !== false;
    const learner = await learnerPages(browser);
    let report: ReportPages;
    if (role === 'anonymous' || !REPORTS.includes(role)) {
      // Ids of the report's pages, found as the administrator.
      const context = await browser.newContext({ javaScriptEnabled: true });
      const admin = await context.newPage();
      await signIn(admin, true, 'admin');
      report = await reportPages(admin);
      await context.close();
    } else {
      await signIn(page, js, role);
      report = await reportPages(page);
    }
    if (role !== 'anonymous' && !REPORTS.includes(role)) await signIn(page, js, role);
    const all = visits(learner, report);
    await visitAll(page, testInfo, role, all, 'nl');
    if (role === 'learner') {
      // The same pages in English, chosen with the header's language switch.
      await page.goto('/taal/en?terug=/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await visitAll(page, testInfo, role, all, 'en');
    }
  });
}
