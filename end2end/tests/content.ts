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

/** Fill in the correct answer to `q` in the current page's form controls. */
export async function answerCorrectly(page: Page, q: Question) {
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

