import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { buildPage, servePage } from '../page.js';
import { report } from '../stats.js';

/**
 * The analysis diagram with 500 items and 1,000 links in Chromium, against a
 * bare React Flow page with default nodes drawing the same graph at the same
 * positions in the same run: time to the first frame with everything drawn,
 * and the time from each step of a drag to the frame after it. Then the elkjs
 * layout of the same graph, in the same browser: cold, and after the warm-up
 * the diagram screen runs when idle. Builds its own page
 * (bench/diagram/page) into dist/bench-diagram; it is never part of the app.
 */

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const PAGE = join(ROOT, 'bench/diagram/page');
const OUT = join(ROOT, 'dist/bench-diagram');
/** Page loads per library (alternating, so a busy moment on the machine hits both), and drag steps per load. */
const LOADS = 6;
const DRAG_STEPS = 60;

/** What the page exposes (bench/diagram/page/main.tsx); the page's own types are DOM code. */
interface PageBench {
  mount(): Promise<number>;
  dragStart(): Promise<void>;
  dragStep(index: number): Promise<number>;
  dragEnd(): Promise<void>;
  layout(prepared: boolean): Promise<number>;
}
type Global = { diagramBench: PageBench };

async function load(
  browser: Browser,
  url: string,
  prepared = false,
): Promise<{ firstFrame: number; drag: number[]; layout: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'diagramBench' in globalThis);
    const firstFrame = await page.evaluate(() => (globalThis as unknown as Global).diagramBench.mount());
    await page.evaluate(() => (globalThis as unknown as Global).diagramBench.dragStart());
    const drag: number[] = [];
    for (let i = 0; i < DRAG_STEPS; i++) {
      drag.push(await page.evaluate((index) => (globalThis as unknown as Global).diagramBench.dragStep(index), i));
    }
    await page.evaluate(() => (globalThis as unknown as Global).diagramBench.dragEnd());
    const layout = url.includes('lib=casebook')
      ? await page.evaluate((warm) => (globalThis as unknown as Global).diagramBench.layout(warm), prepared)
      : Number.NaN;
    return { firstFrame, drag, layout };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

export async function benchDiagram(): Promise<void> {
  await buildPage(PAGE, OUT);
  const server = await servePage(OUT);
  const browser = await launchChromium();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
    const ours: Awaited<ReturnType<typeof load>>[] = [];
    const bare: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < LOADS; i++) {
      // Every other page lays out after the diagram screen's idle warm-up, the rest cold.
      ours.push(await load(browser, `${base}?lib=casebook`, i % 2 === 1));
      bare.push(await load(browser, `${base}?lib=bare`));
    }
    const firstOurs = median(ours.map((run) => run.firstFrame));
    const firstBare = median(bare.map((run) => run.firstFrame));
    report('diagram first frame, 500 items, 1,000 links', { median: firstOurs }, 'bare React Flow', {
      median: firstBare,
    });
    const dragOurs = ours.flatMap((run) => run.drag);
    const dragBare = bare.flatMap((run) => run.drag);
    report(`diagram drag step (${dragOurs.length} steps), median`, { median: median(dragOurs) }, 'bare React Flow', {
      median: median(dragBare),
    });
    report(
      `diagram drag step (${dragOurs.length} steps), p95`,
      { median: quantile(dragOurs, 0.95) },
      'bare React Flow',
      {
        median: quantile(dragBare, 0.95),
      },
    );
    const layout = median(ours.filter((_, i) => i % 2 === 1).map((run) => run.layout));
    const cold = median(ours.filter((_, i) => i % 2 === 0).map((run) => run.layout));
    const ratio = firstOurs / firstBare;
    const fps = 1000 / median(dragOurs);
    console.log(
      `diagram elkjs layout, 500 items, 1,000 links: ${layout.toFixed(0)} ms median after the screen's warm-up (${cold.toFixed(0)} ms cold); goals: first frame <= 1.2x bare ${ratio <= 1.2 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x), ` +
        `drag >= 50 fps ${fps >= 50 ? 'met' : 'NOT met'} (${fps.toFixed(0)} fps median), layout < 1000 ms ${layout < 1000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

// Run directly: node dist/bench/diagram/diagram.bench.js
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchDiagram();
