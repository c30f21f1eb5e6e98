// The answer key, read from the parsed content model that `server check
// --format json` prints (MODEL_JSON): the pages never contain it.
import { Page } from '@playwright/test';
import * as fs from 'fs';

type Choice = { html: string; weight: number };
export type Question = { id: string; answer: any };
export type Module = { id: string; title: string; kind: { kind: string }; questions: Question[] };

export function courseModules(courseId: string): Module[] {
  const path = process.env.MODEL_JSON;
  if (!path) throw new Error('MODEL_JSON is not set: run the suite through ./platform test');
  const json = JSON.parse(fs.readFileSync(path, 'utf8'));
  return json.catalog.courses.find((c: any) => c.id === courseId).modules;
}

/** The text a person reads in an option's markup (tags dropped, entities decoded). */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Fill in the correct answer to `q` in the current page's form controls.
 * Options are found by what they say, as a person finds them: their names
 * and values on the page are opaque tokens, and their ids count them as
 * shown, so nothing in the markup tells which one is right.
 */
export async function answerCorrectly(page: Page, q: Question) {
  const a = q.answer;
  const section = page.locator(`#vraag-${q.id}`);
  const control = (html: string) => section.getByLabel(text(html), { exact: true });
  switch (a.type) {
    case 'single': {
      const best = a.options.reduce((b: Choice, o: Choice) => (o.weight > b.weight ? o : b));
      await control(best.html).check();
      break;
    }
    case 'multiple':
      for (const o of a.options as Choice[]) {
        if (o.weight > 0) await control(o.html).check(); else await control(o.html).uncheck();
      }
      break;
    case 'order':
      for (let i = 0; i < a.items.length; i++) await control(a.items[i]).selectOption(String(i + 1));
      break;
    case 'match':
      for (const p of a.pairs) await control(p.left_html).selectOption({ label: text(p.right) });
      break;
    case 'text': {
      const best = a.accepted.reduce((b: any, x: any) => (x.weight > b.weight ? x : b));
      await page.locator(`#vraag-${q.id}-t`).fill(best.text);
      break;
    }
    case 'numeric': {
      const best = a.accepted.reduce((b: any, x: any) => (x.weight > b.weight ? x : b));
      const t = best.target;
      await page.locator(`#vraag-${q.id}-t`).fill(String(t.kind === 'tolerance' ? t.value : (t.min + t.max) / 2));
      break;
    }
    default:
      throw new Error(`unknown question type ${a.type}`);
  }
}
