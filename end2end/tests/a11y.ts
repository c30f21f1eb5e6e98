// Shared helpers: an axe-core scan that fails on any WCAG 2.1 A/AA violation,
// and waiting for hydration.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test, TestInfo } from '@playwright/test';

/**
 * Scan the page with axe (WCAG 2.1 A and AA). axe runs as a script in the
 * page, so for a page opened with JavaScript disabled the same URL is
 * scanned in a JavaScript-enabled context with the same cookies and the
 * site's own bundle blocked: exactly the server-rendered HTML that a
 * browser without JavaScript shows.
 */
export async function expectNoA11yViolations(page: Page) {
  let target = page;
  let cleanup = async () => {};
  if (test.info().project.use.javaScriptEnabled === false) {
    const browser = page.context().browser()!;
    const context = await browser.newContext({
      storageState: await page.context().storageState(),
      locale: 'nl-NL',
      javaScriptEnabled: true,
    });
    await context.route('**/pkg/*.{js,wasm}', (route) => route.abort());
    target = await context.newPage();
    await target.goto(page.url());
    cleanup = () => context.close();
  }
  try {
    const results = await new AxeBuilder({ page: target })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    );
    expect(summary, `axe WCAG 2.1 A/AA violations on ${page.url()}`).toEqual([]);
  } finally {
    await cleanup();
  }
}

/** With JavaScript on, wait until the WASM bundle has hydrated the page. */
export async function waitForHydration(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name === 'js') {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
}
