// Hostile input in a real browser. `./platform test` starts a second server
// for this file (HOSTILE_URL) whose content is `domain/tests/fixtures/hostile`
// (every way of writing script in Markdown the project knows of, and an SVG
// asset with script), copied to HOSTILE_CONTENT_DIR. Here people type hostile
// text into every field they can (a department name, a person's name, an
// import file, a reflection, a text answer, `next` after sign-in, the
// language code, the query strings pages read), and a crawler then opens
// every page an admin and that learner can reach.
//
// The pages' Content-Security-Policy would block injected script anyway, so
// the crawl runs with the CSP switched off (`bypassCSP`): what is tested is
// that the markup itself carries nothing that runs. A page passes when no
// dialog opened, no element has an event attribute, no link or form points
// at `javascript:`, and every script element is one of the platform's own
// (its bundle or a hydration script with the page's nonce) or empty.
//
// Then the content is made heavier than allowed (a 50 MB module, 10,000
// levels of nesting) and reloaded from the admin page: the reload is refused
// with the checker's message, the last good content stays live, and the
// server answers throughout. `./platform test` then checks the server's peak
// memory (docs/security-testing.md).
import { test, expect, Page, BrowserContext } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const HOSTILE = process.env.HOSTILE_URL;
const CONTENT = process.env.HOSTILE_CONTENT_DIR;
const DEMO_PASSWORD = 'demo-wachtwoord';
const PASSWORD = process.env.E2E_PASSWORD ?? 'fietsbel-kanaal-e2e-47';
const ADMIN = 'beheerder@demodorp.example';
/** Per run of the test (a retry is a new run), so that a retry after a
 * failure halfway does not meet the accounts and codes of the first try. */
const RUN = String(Date.now() % 1_000_000_000);
const VICTIM = `vijand${RUN}@demodorp.example`;

/** The same, short enough for a name field (at most 200 characters in all). */
function short(tag: string): string {
  return `"'><img src=x onerror=alert('${tag}')>`;
}

/** Text that runs script wherever it is written into markup unescaped. */
function evil(tag: string): string {
  return `"'><img src=x onerror="alert('${tag}')"><script>alert('${tag}')</script><svg onload=alert('${tag}')>`;
}

test.use({ baseURL: HOSTILE, bypassCSP: true });

test.beforeEach(async ({}, testInfo) => {
  test.skip(!HOSTILE || !CONTENT, 'HOSTILE_URL and HOSTILE_CONTENT_DIR are set by ./platform test');
  // Without JavaScript nothing can run at all: the test means something only with it.
  test.skip(testInfo.project.name !== 'js', 'script can only run with JavaScript on');
});

/** Every dialog any page of the context opens: each one is script that ran. */
function watch(context: BrowserContext): string[] {
  const fired: string[] = [];
  context.on('page', (p) => listen(p, fired));
  for (const p of context.pages()) listen(p, fired);
  return fired;
}

function listen(page: Page, fired: string[]) {
  page.on('dialog', async (d) => {
    fired.push(`${page.url()}: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
}

async function signIn(page: Page, email: string, password: string, next = '/mijn') {
  await page.goto(`/inloggen?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.pathname !== '/inloggen');
}

/** A server function called as the page's own form would (same origin). */
async function post(page: Page, endpoint: string, form: Record<string, string>) {
  const res = await page.request.post(`/api/${endpoint}`, {
    form,
    headers: { Origin: HOSTILE!, Accept: 'application/json' },
  });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBeLessThan(400);
}

/** What on the current page could run script, besides the platform's own. */
async function activeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const nonce = (document.querySelector('script[nonce]') as HTMLScriptElement | null)?.nonce ?? '';
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        const value = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (a.name.toLowerCase().startsWith('on')) found.push(`<${el.localName} ${a.name}>`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(a.name) && value.startsWith('javascript:')) {
          found.push(`<${el.localName} ${a.name}="${a.value}">`);
        }
      }
      if (el.localName === 'script') {
        const s = el as HTMLScriptElement;
        const own = (s.src && new URL(s.src).pathname.startsWith('/pkg/')) || (nonce !== '' && s.nonce === nonce);
        // leptos_i18n leaves an empty <script></script> at the end of the body.
        const empty = !s.src && (s.textContent ?? '').trim() === '';
        if (!own && !empty) found.push(`${s.outerHTML.slice(0, 160)} (nonce ${JSON.stringify(s.nonce)}, page nonce ${JSON.stringify(nonce)})`);
      }
      if (['iframe', 'object', 'embed', 'base', 'meta'].includes(el.localName) && el.closest('body')) {
        found.push(`<${el.localName}> in the body`);
      }
    }
    return found;
  });
}

/**
 * Open every same-site page reachable by links from `start` (breadth first,
 * at most `limit`), each loaded fully; returns the paths visited and what
 * was found on them.
 */
async function crawl(page: Page, start: string[], limit = 300): Promise<{ visited: string[]; problems: string[] }> {
  const skip = /^\/(api|pkg|taal|uitloggen)\b|^\/inhoud\/.*\/assets\/|^\/rapportage\/export\/|^\/mijn\/gegevens\.json/;
  const queue = [...start];
  const seen = new Set(queue);
  const visited: string[] = [];
  const problems: string[] = [];
  // What the browser reported (a panic in the bundle is a console error), so
  // that a page that did not hydrate says why.
  let reported: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') reported.push(m.text().slice(0, 300));
  };
  const onError = (e: Error) => reported.push(e.message.slice(0, 300));
  page.on('console', onConsole);
  page.on('pageerror', onError);
  while (queue.length > 0 && visited.length < limit) {
    const next = queue.shift()!;
    reported = [];
    const res = await page.goto(next);
    visited.push(next);
    expect(res?.status() ?? 0, next).toBeLessThan(500);
    await page.waitForLoadState('load');
    // Hydration runs the bundle: wait for it, so script it would insert runs
    // too. A page that does not hydrate (a panic on hostile input) fails.
    const hydrated = await page
      .locator('body[data-hydrated="true"]')
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    if (!hydrated) problems.push(`${next}: did not hydrate (browser said: ${JSON.stringify(reported)})`);
    for (const p of await activeMarkup(page)) problems.push(`${next}: ${p}`);
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== new URL(HOSTILE!).origin) continue;
      const p = url.pathname + url.search;
      if (skip.test(url.pathname) || seen.has(p)) continue;
      seen.add(p);
      queue.push(p);
    }
  }
  page.off('console', onConsole);
  page.off('pageerror', onError);
  expect(queue, 'pages left unvisited: raise the limit').toEqual([]);
  return { visited, problems };
}

test('hostile content and hostile user data run no script on any page', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ bypassCSP: true, baseURL: HOSTILE, locale: 'nl-NL' });
  const fired = watch(context);
  const page = await context.newPage();

  // --- The admin types hostile text wherever an admin can.
  await signIn(page, ADMIN, DEMO_PASSWORD, '/beheer');
  await expect(page).toHaveURL(/\/beheer$/);
  await post(page, 'department_create', { name: `${evil('afdeling')} ${RUN}`, code: `VIJAND${RUN}` });
  await post(page, 'admin_create_user', {
    email: VICTIM,
    name: evil('naam'),
    password: PASSWORD,
  });
  // An employee import with hostile names, department names and codes.
  const field = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = [
    'Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Afdelingscode;Afdeling;Bovenliggende afdelingscode;Rol;Actief;Uit dienst',
    `9${RUN};${field(short('voornaam'))};;${field(short('achternaam'))};import.vijand${RUN}@demodorp.example;IMP${RUN};${field(`${evil('import-afdeling')} ${RUN}`)};;medewerker;ja;`,
  ].join('\r\n');
  await page.goto('/beheer/import');
  await page.locator('#import-bestand').setInputFiles({ name: 'vijandig".csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Bestand controleren' }).click();
  await page.waitForURL(/[?&](voorbeeld|fout)=/);
  const apply = page.getByRole('button', { name: 'Import uitvoeren' });
  if (!(await apply.isVisible())) throw new Error(`no import to apply:\n${await page.locator('main').innerText()}`);
  await apply.click();
  await expect(page.getByRole('alert').or(page.getByRole('status')).first()).toBeVisible();

  // --- A learner with a hostile name, arriving through hostile `next`s.
  const learnerContext = await browser.newContext({ bypassCSP: true, baseURL: HOSTILE, locale: 'nl-NL' });
  const learnerFired = watch(learnerContext);
  const learner = await learnerContext.newPage();
  for (const next of ["javascript:alert('next')", '//evil.example/', '/\t/evil.example', 'https://evil.example/']) {
    await signIn(learner, VICTIM, PASSWORD, next);
    expect(new URL(learner.url()).origin, `next=${next}`).toBe(new URL(HOSTILE!).origin);
  }
  // The language code is part of the path; a hostile one is refused as text.
  const lang = await learner.goto(`/taal/${encodeURIComponent(evil('taal'))}?terug=/`);
  expect(lang?.status()).toBe(404);
  expect(lang?.headers()['content-type']).toContain('text/plain');
  await learner.goto(`/taal/nl?terug=${encodeURIComponent("javascript:alert('terug')")}`);
  expect(new URL(learner.url()).origin).toBe(new URL(HOSTILE!).origin);
  // A hostile reflection, saved through the module page's own form.
  await learner.goto('/cursussen/vijandig/svg');
  const reflection = learner.locator('textarea').first();
  await reflection.fill(evil('reflectie') + '</textarea>' + evil('na-tekstvak'));
  await learner.getByRole('button', { name: 'Bewaar mijn antwoord' }).click();
  await expect(learner.getByText('Je antwoord is bewaard.')).toBeVisible();
  await learner.reload();
  await expect(learner.locator('textarea').first()).toHaveValue(evil('reflectie') + '</textarea>' + evil('na-tekstvak'));

  // A hostile answer to a text question: shown back with the feedback.
  await learner.goto('/cursussen/vijandig/svg');
  await learner.locator('#vraag-typ-iets-t').fill(evil('antwoord'));
  await learner.locator('#vraag-typ-iets').getByRole('button').click();
  await expect(learner.locator('#vraag-typ-iets .feedback')).toBeVisible();
  // Hostile values in the query strings of pages that read them.
  const queries = ['/rapportage', '/rapportage/verplicht', '/beheer/import', '/beheer/audit', '/inloggen', '/mijn/gegevens'].flatMap((p) =>
    ['afdeling', 'van', 'tot', 'cursus', 'status', 'voorbeeld', 'fout', 'next', '__err', 'pagina'].map(
      (k) => `${p}?${k}=${encodeURIComponent(evil(`query-${k}`))}`,
    ),
  );

  // --- Every page each of them can reach.
  const asLearner = await crawl(learner, ['/', '/mijn', '/mijn/gegevens', '/cursussen/vijandig', '/cursussen/vijandig/markdown', '/cursussen/vijandig/svg']);
  const asAdmin = await crawl(page, ['/', '/beheer', '/beheer/afdelingen', '/beheer/import', '/rapportage', '/beheer/audit', '/cursussen/vijandig/markdown', ...queries]);
  expect(asLearner.visited.length).toBeGreaterThanOrEqual(5);
  expect(asAdmin.visited.length).toBeGreaterThanOrEqual(10 + queries.length);
  console.log(`hostile crawl: ${asLearner.visited.length} pages as the learner, ${asAdmin.visited.length} as the admin`);
  // The hostile data is on the pages, as text.
  await page.goto('/beheer');
  await expect(page.getByText(evil('naam')).first()).toBeVisible();
  expect([...asLearner.problems, ...asAdmin.problems]).toEqual([]);
  expect([...fired, ...learnerFired]).toEqual([]);

  // --- The SVG asset, opened on its own with the CSP in force (the way it
  // is served is the defence here): its script does not run.
  const plain = await browser.newContext({ baseURL: HOSTILE, bypassCSP: false });
  const svgFired = watch(plain);
  const svgPage = await plain.newPage();
  const svg = await svgPage.goto('/inhoud/vijandig/assets/kwaad.svg');
  expect(svg?.status()).toBe(200);
  expect(svg?.headers()['content-security-policy']).toContain('sandbox');
  await svgPage.waitForTimeout(300);
  expect(svgFired).toEqual([]);
  await plain.close();

  // --- Too big and too deep: the reload is refused, the last good content stays.
  const course = path.join(CONTENT!, 'courses', 'vijandig');
  const big = path.join(course, '04-groot.md');
  const deep = path.join(course, '05-diep.md');
  const line = 'Een regel tekst met **nadruk** en een [link](https://example.org).\n';
  fs.writeFileSync(big, '---\ntitle: Groot\n---\n' + line.repeat(Math.floor((50 * 1024 * 1024) / line.length)));
  fs.writeFileSync(deep, `---\ntitle: Diep\n---\n${'>'.repeat(10_000)} diep\n\n${'- '.repeat(10_000)}lijst\n`);
  try {
    await page.goto('/beheer');
    await page.getByRole('button', { name: 'Inhoud opnieuw laden' }).click();
    await expect(page.getByText('De laatste keer laden is mislukt.')).toBeVisible();
    await expect(page.getByText(/04-groot\.md.*het bestand is te groot/)).toBeVisible();
    await expect(page.getByText(/05-diep\.md.*niveaus diep/).first()).toBeVisible();
    const still = await page.goto('/cursussen/vijandig/markdown');
    expect(still?.status()).toBe(200);
    expect((await page.request.get('/healthz')).status()).toBe(200);
  } finally {
    fs.rmSync(big, { force: true });
    fs.rmSync(deep, { force: true });
  }
  await page.goto('/beheer');
  await page.getByRole('button', { name: 'Inhoud opnieuw laden' }).click();
  await expect(page.getByText('De laatste keer laden is mislukt.')).toHaveCount(0);
  await learnerContext.close();
  await context.close();
});
