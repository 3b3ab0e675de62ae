import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, renderDocs } from '../../src/docs/generate';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';

/*
 * Every Mermaid diagram the generator writes is rendered by Mermaid's browser build in headless
 * Chromium: a parse or render error fails the test. One PNG per diagram goes to
 * artifacts/diagrams/ (git-ignored) for a person to look at.
 */

const MERMAID = join(REPOSITORY_ROOT, 'node_modules/mermaid/dist/mermaid.min.js');
const OUT = join(REPOSITORY_ROOT, 'artifacts/diagrams');

interface Diagram {
  readonly name: string;
  readonly text: string;
}

const diagrams: Diagram[] = renderDocs().flatMap((file) => {
  const base = file.path.replace(/^flows\//, '').replace(/\.md$/, '');
  return [...file.content.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => {
    const text = m[1] ?? '';
    return { name: `${base}-${text.startsWith('sequenceDiagram') ? 'sequence' : 'state'}`, text };
  });
});

let browser: Browser;
let page: Page;

/** Render one diagram; resolves with the SVG, rejects with Mermaid's error message. */
async function render(id: string, text: string): Promise<string> {
  return page.evaluate(
    async ({ id, text }) => {
      const mermaid = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(i: string, t: string): Promise<{ svg: string }> } }).mermaid;
      await mermaid.parse(text);
      const { svg } = await mermaid.render(id, text);
      return svg;
    },
    { id, text },
  );
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: (await findChromium()).path, args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1600, height: 1200 }, deviceScaleFactor: 1.5 });
  await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="out" style="display:inline-block;padding:16px"></div></body></html>');
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate(() => {
    (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  });
  mkdirSync(OUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the generated Mermaid diagrams render', () => {
  it('there is a state diagram and a sequence diagram for every flow', () => {
    const flowDiagrams = diagrams.filter((d) => /-(state|sequence)$/.test(d.name));
    expect(flowDiagrams.length).toBe(renderDocs().filter((f) => f.path.startsWith('flows/')).length * 2);
  });

  for (const [i, diagram] of diagrams.entries()) {
    it(`${diagram.name} renders without a parse or render error`, async () => {
      const svg = await render(`diagram${i}`, diagram.text);
      expect(svg).toContain('<svg');
      expect(svg).not.toMatch(/Syntax error/i);
      await page.evaluate((markup) => {
        const out = document.getElementById('out');
        if (out === null) return;
        out.innerHTML = markup;
        // Mermaid sizes the SVG to its container; draw it at its natural size for the PNG.
        const element = out.querySelector('svg');
        const box = element?.viewBox.baseVal;
        if (element == null || box == null) return;
        element.style.maxWidth = 'none';
        element.setAttribute('width', String(box.width));
        element.setAttribute('height', String(box.height));
      }, svg);
      const png = await page.locator('#out').screenshot();
      writeFileSync(join(OUT, `${diagram.name}.png`), png);
      expect(png.length).toBeGreaterThan(1000);
    }, 60_000);
  }

  it('a broken diagram is caught (the harness can fail)', async () => {
    await expect(render('broken', 'stateDiagram-v2\n  a --> : [')).rejects.toThrow();
  });
});
