import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { buildPage, servePage } from '../page.js';
import { report } from '../stats.js';

/**
 * The timeline with 20,000 entries in Chromium, against vis-timeline drawing
 * the same items in the same browser run: time to the first painted frame, and
 * the time from each step of a fixed zoom and pan sequence to the frame after it.
 * Builds its own page (bench/timeline/page) into dist/bench-timeline; it is never
 * part of the app.
 */

// Compiled to dist/bench/timeline/, run from the repository root or anywhere.
const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const PAGE = join(ROOT, 'bench/timeline/page');
const OUT = join(ROOT, 'dist/bench-timeline');

/** What the page exposes (bench/timeline/page/main.tsx); the page's own types are DOM code. */
interface PageBench {
  steps: number;
  mount(): Promise<number>;
  step(index: number): Promise<number>;
}

interface Run {
  firstFrame: number;
  zoom: number[];
  pan: number[];
}

async function measureLibrary(page: Page, url: string): Promise<Run> {
  await page.goto(url);
  await page.waitForFunction(() => 'timelineBench' in globalThis);
  // Functions passed to evaluate run in the page, so they name the global there rather than call pageBench.
  const firstFrame = await page.evaluate(() =>
    (globalThis as unknown as { timelineBench: PageBench }).timelineBench.mount(),
  );
  const steps = await page.evaluate(() => (globalThis as unknown as { timelineBench: PageBench }).timelineBench.steps);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    times.push(
      await page.evaluate(
        (index) => (globalThis as unknown as { timelineBench: PageBench }).timelineBench.step(index),
        i,
      ),
    );
  }
  return { firstFrame, zoom: times.slice(0, 20), pan: times.slice(20) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const max = (values: number[]) => Math.max(...values);

export async function benchTimeline(): Promise<void> {
  await buildPage(PAGE, OUT);
  const server = await servePage(OUT);
  const browser = await launchChromium();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
    const run = async (lib: string) => {
      const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      try {
        return await measureLibrary(page, `${base}?lib=${lib}`);
      } finally {
        await context.close();
      }
    };
    const ours = await run('casebook');
    const vis = await run('vis-timeline');
    const whole = await run('casebook&window=all');
    report('timeline first frame, 20,000 entries, one year in view', { median: ours.firstFrame }, 'vis-timeline', {
      median: vis.firstFrame,
    });
    for (const kind of ['zoom', 'pan'] as const) {
      report(`timeline ${kind} step (20 steps), median`, { median: median(ours[kind]) }, 'vis-timeline', {
        median: median(vis[kind]),
      });
      report(`timeline ${kind} step (20 steps), max`, { median: max(ours[kind]) }, 'vis-timeline', {
        median: max(vis[kind]),
      });
    }
    const worst = Math.max(max(ours.zoom), max(ours.pan), max(whole.zoom), max(whole.pan));
    const first = Math.max(ours.firstFrame, whole.firstFrame);
    console.log(
      `timeline opening on all 8 years: first frame ${whole.firstFrame.toFixed(1)} ms; ` +
        `goals: first frame < 1000 ms ${first < 1000 ? 'met' : 'NOT met'}, every step < 50 ms ${worst < 50 ? 'met' : 'NOT met'} (slowest ${worst.toFixed(1)} ms)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

// Run directly: node dist/bench/timeline/timeline.bench.js
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchTimeline();
