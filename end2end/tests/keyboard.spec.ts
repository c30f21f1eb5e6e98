// Keyboard only (issue 14, item 9; WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7, 3.3.1,
// 4.1.3), with JavaScript on and off: the first Tab stop is a skip link to
// the main content; a learner signs in (after a wrong password, whose
// message is announced and tied to the form), opens a lesson, answers a
// question and reads the feedback; HR reaches the report, changes a filter
// and reaches the table. Everything is done with page.keyboard (Tab,
// Shift+Tab, Enter, Space, arrow keys, typing); locators only read state.
// At every Tab stop the focused element must be on screen, show a focus
// indicator (an outline or a box shadow), and come after the previous stop
// in the page (before it, for Shift+Tab).
import { test, expect, Page, TestInfo } from '@playwright/test';
import { waitForHydration } from './a11y';
import { courseModules, Question } from './content';

const DEMO_PASSWORD = 'demo-wachtwoord';
const COURSE = 'participation-basics';

type Stop = {
  what: string;
  matches: boolean;
  ring: boolean;
  onScreen: boolean;
  inOrder: boolean;
};

/**
 * Press Tab (or Shift+Tab) and describe where focus went, or null when it
 * left the page's elements (the body, or the browser's own interface).
 */
async function press(page: Page, key: 'Tab' | 'Shift+Tab', selector = ':not(*)'): Promise<Stop | null> {
  await page.keyboard.press(key);
  return focused(page, selector, key === 'Shift+Tab');
}

/**
 * Where focus is now (null: on no element of the page); `inOrder` compares
 * it with the stop described before.
 */
async function focused(page: Page, selector = ':not(*)', backwards = false, compare = true): Promise<Stop | null> {
  return page.evaluate(
    ([sel, backwards, compare]) => {
      const el = document.activeElement as HTMLElement | null;
      const w = window as unknown as { __previousStop?: Element };
      if (!el || el === document.body || el === document.documentElement) {
        w.__previousStop = undefined;
        return null;
      }
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const shadow = s.boxShadow !== 'none' && /(^|\s)[1-9][\d.]*px/.test(s.boxShadow);
      const previous = compare ? w.__previousStop : undefined;
      const order = previous?.isConnected ? previous.compareDocumentPosition(el) : 0;
      const inOrder =
        !previous?.isConnected ||
        (backwards ? (order & Node.DOCUMENT_POSITION_PRECEDING) !== 0 : (order & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
      w.__previousStop = el;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return {
        what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/\s+/g, '.')}` : ''} "${name}"`,
        matches: el.matches(sel as string),
        ring: outline || shadow,
        onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        inOrder,
      };
    },
    [selector, backwards, compare] as const,
  );
}

/** Every stop: on screen, visibly focused, in the page's order. */
function expectGoodStop(stop: Stop | null, key: string): asserts stop is Stop {
  expect(stop, `focus after ${key} is on an element of the page`).not.toBeNull();
  expect(stop!.onScreen, `${stop!.what} is on screen`).toBe(true);
  expect(stop!.ring, `${stop!.what} shows a focus indicator`).toBe(true);
  expect(stop!.inOrder, `${stop!.what}: the focus order follows the page`).toBe(true);
}

/**
 * Tab (or Shift+Tab) until the element matching `selector` has focus,
 * checking each stop. Past the end of the page focus leaves it (for the
 * browser's own controls) and the next press starts at the other end, as
 * for a person; that may happen once.
 */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 150): Promise<Stop> {
  const path: string[] = [];
  let wrapped = false;
  for (let i = 0; i < max; i++) {
    const stop = await press(page, key, selector);
    if (stop === null && !wrapped && path.length > 0) {
      wrapped = true;
      path.push('(out of the page)');
      continue;
    }
    expectGoodStop(stop, `${key} ${path.length + 1} (after ${path.slice(-3).join(', ') || 'the start'})`);
    path.push(stop.what);
    if (stop.matches) return stop;
  }
  throw new Error(`${selector} not reached in ${max} presses of ${key}: ${path.join(' → ')}`);
}

/** What has focus: 'body', or whether it lies inside `selector`. */
async function focusIn(page: Page, selector: string): Promise<'body' | 'inside' | 'elsewhere'> {
  return page.evaluate((sel) => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return 'body';
    return el.closest(sel) ? 'inside' : 'elsewhere';
  }, selector);
}

async function typeInto(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** Sign in with the keyboard on the sign-in page that is open. */
async function signInByKeyboard(page: Page, email: string, password: string) {
  await tabTo(page, '#email');
  await typeInto(page, email);
  expectGoodStop(await press(page, 'Tab', '#password'), 'Tab');
  await typeInto(page, password);
  await page.keyboard.press('Enter');
}

for (const url of ['/', '/inloggen', `/cursussen/${COURSE}`, '/verify/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF']) {
  test(`the first Tab stop on ${url} is a visible skip link that moves focus to the main content`, async ({ page }, testInfo) => {
    await page.goto(url);
    await waitForHydration(page, testInfo);
    const first = await press(page, 'Tab', 'a.skip-link[href="#inhoud"]');
    expectGoodStop(first, 'the first Tab');
    expect(first.matches, `the first stop is the skip link, not ${first.what}`).toBe(true);
    await expect(page.getByRole('link', { name: 'Ga naar de inhoud' })).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    // The next stop is the first one in the main content (or after it,
    // on a page whose content has nothing to focus), never in the header.
    const next = await press(page, 'Tab', 'main#inhoud *, main#inhoud ~ * *');
    expectGoodStop(next, 'Tab after the skip link');
    expect(next.matches, `after the skip link, focus goes on from the main content, not to ${next.what}`).toBe(true);
  });
}

/** Choose the option labelled `label` of the radio group that has focus, with the arrow keys. */
async function chooseWithArrows(page: Page, label: string) {
  const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 12; i++) {
    const now = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { type: el.type, label: (el.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim(), checked: el.checked };
    });
    expect(now.type).toBe('radio');
    if (now.label === text(label)) {
      if (!now.checked) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option "${label}" in the radio group`);
}

/**
 * Hand in the answer of the question whose button has focus, and wait
 * until the page shows the server's judgement.
 */
async function submitAnswer(page: Page, testInfo: TestInfo) {
  const done =
    testInfo.project.name === 'js'
      ? page.waitForResponse((r) => r.url().includes('/api/module_page'))
      : page.waitForURL(/#vraag-/, { waitUntil: 'load' });
  await page.keyboard.press('Enter');
  await done;
}

/**
 * After an answer: the feedback says `title`, in a live region (announced
 * when it appears), and focus stays with the question: on it, or (after a
 * page load without JavaScript) the next Tab goes into it.
 */
async function expectFeedback(page: Page, q: Question, title: string, js: boolean) {
  const section = `#vraag-${q.id}`;
  const feedback = page.locator(`${section} .feedback`);
  await expect(feedback.locator('.feedback-title')).toHaveText(title);
  const live = await feedback.evaluate(
    (el) => el.closest('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]') !== null,
  );
  expect(live, 'the feedback is in a live region (role=status or aria-live)').toBe(true);
  // With JavaScript the page moves focus once it has drawn the answer.
  if (js) await expect.poll(() => focusIn(page, section)).toBe('inside').catch(async (e) => { console.log('DEBUG', page.url(), await page.evaluate(() => { const a = document.activeElement as HTMLElement; return a.outerHTML.slice(0, 200); })); throw e; });
  let where = await focusIn(page, section);
  if (where === 'body') {
    expectGoodStop(await press(page, 'Tab'), 'Tab after the answer');
    where = await focusIn(page, section);
  } else {
    // Focus was moved there, not tabbed to: no order to compare.
    expectGoodStop(await focused(page, ':not(*)', false, false), 'the answer');
  }
  expect(where, 'after answering, focus stays with the question').toBe('inside');
}

/** Back to the question's radio group from wherever focus is inside the question. */
async function backToOptions(page: Page, q: Question) {
  const radio = `#vraag-${q.id} input[type="radio"]`;
  const onRadio = await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, radio);
  if (!onRadio) await tabTo(page, radio, 'Shift+Tab', 10);
}

test('a learner signs in, answers a lesson question and reads the feedback, by keyboard only', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const lesson = courseModules(COURSE).find((m) => m.kind.kind === 'lesson' && m.questions.some((q) => q.answer.type === 'single'))!;
  const q = lesson.questions.find((x) => x.answer.type === 'single')!;
  const options = q.answer.options as { html: string; weight: number }[];
  const right = options.reduce((b, o) => (o.weight > b.weight ? o : b));
  const wrong = options.find((o) => o.weight <= 0)!;

  // A wrong password: the message is announced and tied to the form.
  await page.goto(`/inloggen?next=/cursussen/${COURSE}`);
  await waitForHydration(page, testInfo);
  await signInByKeyboard(page, 'leerling@demodorp.example', 'niet-het-goede-wachtwoord');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Dit e-mailadres en wachtwoord horen niet bij elkaar.');
  const errorId = await alert.getAttribute('id');
  expect(errorId, 'the message has an id to refer to').toBeTruthy();
  await waitForHydration(page, testInfo);
  // Without JavaScript the page was loaded again: focus starts at the top.
  if ((await focusIn(page, 'form')) === 'body') await tabTo(page, '#email');
  const tied = await page.evaluate((id) => {
    const el = document.activeElement as HTMLInputElement;
    const describedBy = (n: Element | null | undefined) => (n?.getAttribute('aria-describedby') ?? '').split(/\s+/).includes(id!);
    return el.closest('[role="alert"]') !== null || describedBy(el) || describedBy(el.form);
  }, errorId);
  expect(tied, 'the focused field (or its form) is described by the message').toBe(true);

  // Correct it: back to the e-mail field (Shift+Tab when on the password) and sign in.
  if (await page.evaluate(() => document.activeElement?.id === 'password')) {
    expectGoodStop(await press(page, 'Shift+Tab'), 'Shift+Tab');
  }
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('email');
  await typeInto(page, 'leerling@demodorp.example');
  expectGoodStop(await press(page, 'Tab', '#password'), 'Tab');
  await typeInto(page, DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL((u) => u.pathname === `/cursussen/${COURSE}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Participation basics' })).toBeVisible();
  await waitForHydration(page, testInfo);

  // Open the lesson from the course page.
  await tabTo(page, `main a[href="/cursussen/${COURSE}/${lesson.id}"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/cursussen/${COURSE}/${lesson.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
  await waitForHydration(page, testInfo);

  // A link of the lesson's table of contents: the next Tab goes on from its heading.
  await tabTo(page, 'nav.toc a');
  const heading = (await page.evaluate(() => document.activeElement!.getAttribute('href')))!.slice(1);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#${heading}$`));
  expectGoodStop(await press(page, 'Tab'), 'Tab after a link of the contents');
  const afterHeading = await page.evaluate(
    (id) => (document.getElementById(id)!.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    heading,
  );
  expect(afterHeading, `after following the contents to #${heading}, Tab goes on from there`).toBe(true);

  // On to the question; a wrong answer first, then the right one.
  await tabTo(page, `#vraag-${q.id} input[type="radio"]`);
  await chooseWithArrows(page, wrong.html);
  await tabTo(page, `#vraag-${q.id} button[type="submit"]`, 'Tab', 3);
  await submitAnswer(page, testInfo);
  await expectFeedback(page, q, 'Nog niet goed.', testInfo.project.name === 'js');

  await backToOptions(page, q);
  await chooseWithArrows(page, right.html);
  await tabTo(page, `#vraag-${q.id} button[type="submit"]`, 'Tab', 3);
  await submitAnswer(page, testInfo);
  await expectFeedback(page, q, 'Goed!', testInfo.project.name === 'js');
});

test('HR reaches the report, changes a filter and reaches the table, by keyboard only', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/inloggen?next=/mijn');
  await waitForHydration(page, testInfo);
  await signInByKeyboard(page, 'hr@demodorp.example', DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === '/mijn');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn leeromgeving' })).toBeVisible();
  await waitForHydration(page, testInfo);

  // The report, from the main menu.
  await tabTo(page, 'nav a[href="/rapportage"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/rapportage$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Rapportage' })).toBeVisible();
  await waitForHydration(page, testInfo);

  // Past the header (after a page load with the skip link; after a
  // navigation in the page focus is on the main content already), then
  // choose the first course in the filter and show it.
  if ((await focusIn(page, 'main')) !== 'inside') {
    const skip = await press(page, 'Tab', 'a.skip-link');
    expectGoodStop(skip, 'the first Tab');
    expect(skip.matches, `the first Tab stop is the skip link, not ${skip.what}`).toBe(true);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
  await tabTo(page, '#f-cursus');
  const course = page.locator('#f-cursus');
  await expect(course).toHaveValue('');
  await page.keyboard.press('ArrowDown');
  await expect(course).not.toHaveValue('');
  const chosen = await course.inputValue();
  await tabTo(page, 'form.filters button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]cursus=${chosen}(&|$)`));
  await waitForHydration(page, testInfo);
  await expect(page.locator('#f-cursus')).toHaveValue(chosen);

  // The table: its scrolling region takes focus (arrow keys scroll it), then its links.
  const region = await tabTo(page, '.table-scroll');
  expect(region.ring).toBe(true);
  await expect(page.locator('.table-scroll')).toHaveAttribute('role', 'region');
  await tabTo(page, 'table.matrix a', 'Tab', 3);
  const target = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${target!.replace(/[?]/g, '\\?')}$`));
  await expect(page.locator('h1')).toHaveCount(1);
});
