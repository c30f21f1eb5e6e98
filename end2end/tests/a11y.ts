// Shared helpers: an axe-core scan that fails on any WCAG 2.1 A/AA violation,
// and waiting for hydration.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page, TestInfo } from '@playwright/test';

export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, 'axe WCAG 2.1 A/AA violations').toEqual([]);
}

/** With JavaScript on, wait until the WASM bundle has hydrated the page. */
export async function waitForHydration(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name === 'js') {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
}
