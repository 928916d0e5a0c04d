import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppPage, accessibilityViolations, pageProblems, screenshot } from './support/browser.js';
import { REPO_ROOT } from './support/host.js';
import { type HostedApp, openOnVault } from './support/hosted-app.js';
import { type SeededVault, seededVault } from './support/seeded-vault.js';

/**
 * The timeline end to end: a real encrypted vault with two agencies' chronologies
 * imported by the CLI, served by the real web host, in Chromium. Hover an entry,
 * open it, zoom with the keyboard, drag a span into a key practice episode and
 * see its band. The steps share one tab and run in order.
 */

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/import');
// Must match GEOMETRY in renderer/src/views/timeline/layout.ts.
const GUTTER = 180;
const AXIS = 46;
const LANES_TOP = 66;

let seeded: SeededVault;
let opened: HostedApp;
let reviewId: string;
let app: AppPage;
let page: Page;
let entryPoint: { x: number; y: number } | null = null;

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on the ${label}`).toEqual([]);
}

async function canvasBox() {
  const box = await page.locator('.timeline-canvas').boundingBox();
  if (!box) throw new Error('no timeline canvas');
  return box;
}

describe('timeline in the browser', () => {
  beforeAll(async () => {
    seeded = await seededVault('timeline', {
      review: { title: 'Child H', type: 'cspr', scopeFrom: '2015-01-01', scopeTo: '2016-06-30' },
      imports: [
        { agency: 'Police', file: join(FIXTURES, 'police-semicolon.csv') },
        { agency: 'Children’s social care', file: join(FIXTURES, 'social-care-multiline.csv') },
      ],
    });
    reviewId = seeded.reviewId;
    opened = await openOnVault(seeded.vaultPath);
    ({ app, page } = opened);
  });

  afterAll(async () => {
    await opened?.stop();
    await seeded?.remove();
  });

  it('shows both agencies as swimlanes over the scope period, with a mini-map and a list alternative', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/reviews/${id}/timeline`;
    }, reviewId);
    await page.getByRole('tab', { name: 'Timeline', selected: true }).waitFor();
    await page.locator('.timeline-canvas').waitFor();
    await expect.poll(() => page.locator('.timeline-summary').textContent()).toMatch(/Showing .* entries in view/);
    const summary = (await page.locator('.timeline-summary').textContent()) ?? '';
    expect(summary).toMatch(/Jan 2015 to/);
    await page.getByText(/List of entries in view/).click();
    const listed = page.locator('.timeline-list li');
    expect(await listed.count()).toBeGreaterThan(4);
    expect(await listed.first().textContent()).toMatch(/Police|social care/);
    await screenshot(page, 'timeline-01-overview');
    await expectAccessible('timeline');
  });

  it('shows a tooltip with the date as written, the agency and the event when hovering an entry', async () => {
    const box = await canvasBox();
    const tooltip = page.locator('.timeline-tooltip');
    // Sweep the first rows of both lanes until something answers: the canvas has no DOM per entry.
    outer: for (const lane of [0, 1]) {
      for (const row of [0, 1, 2]) {
        const y = box.y + LANES_TOP + lane * 64 + 6 + row * 18 + 8;
        for (let x = box.x + GUTTER + 2; x < box.x + box.width - 2; x += 3) {
          await page.mouse.move(x, y);
          if (await tooltip.isVisible()) {
            entryPoint = { x, y };
            break outer;
          }
        }
      }
    }
    expect(entryPoint, 'no entry found under the pointer').not.toBeNull();
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toMatch(/Police|social care/);
    expect(text).toMatch(/\d{4}/);
    await screenshot(page, 'timeline-02-tooltip');
  });

  it('opens the entry in the chronology when it is clicked', async () => {
    if (!entryPoint) throw new Error('no entry to click');
    await page.mouse.click(entryPoint.x, entryPoint.y);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/\/chronology\?entry=/);
    await page
      .locator('.entry-panel')
      .getByRole('heading', { name: /^Entry \d+: / })
      .waitFor();
    await page.goBack();
    await page.locator('.timeline-canvas').waitFor();
  });

  it('zooms with the keyboard', async () => {
    await page.getByRole('application', { name: 'Timeline of Child H' }).focus();
    await expect.poll(() => page.locator('.timeline-summary').textContent()).toMatch(/Showing/);
    const before = (await page.locator('.timeline-summary').textContent()) ?? '';
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.timeline-summary').textContent()).not.toBe(before);
    await screenshot(page, 'timeline-03-zoomed');
    await page.keyboard.press('Home');
  });

  it('creates a key practice episode by dragging along the dates, and draws its band', async () => {
    const box = await canvasBox();
    const y = box.y + AXIS / 2;
    const from = box.x + GUTTER + 250;
    const to = box.x + GUTTER + 420;
    await page.mouse.move(from, y);
    await page.mouse.down();
    await page.mouse.move((from + to) / 2, y, { steps: 4 });
    await page.mouse.move(to, y, { steps: 4 });
    await page.mouse.up();
    const form = page.locator('.timeline-episode-form');
    await form.waitFor();
    // The dragged span fills the form's date fields, whole days.
    expect(await form.getByLabel('From').inputValue()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(await form.getByLabel('To').inputValue()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    await screenshot(page, 'timeline-04-episode-form');
    await expectAccessible('timeline with the episode form');
    await page.getByLabel('Episode title').fill('Response to the domestic abuse incident');
    const calls: string[] = [];
    page.on('response', (response) => calls.push(`${response.url().split('/api/')[1]} ${response.status()}`));
    await page.getByRole('button', { name: 'Create key practice episode' }).click();
    await form.waitFor({ state: 'detached', timeout: 10_000 }).catch(async (error) => {
      throw new Error(`the episode form stayed: ${await form.textContent()} ${calls.join(', ')}`, { cause: error });
    });
    // The band's strip under the axis is drawn in the episode colour.
    const middle = Math.round(GUTTER + (250 + 420) / 2);
    await expect
      .poll(() =>
        page.evaluate(
          ({ x, y }) => {
            const canvas = document.querySelector<HTMLCanvasElement>('.timeline-canvas');
            const ratio = window.devicePixelRatio || 1;
            const pixel = canvas?.getContext('2d')?.getImageData(x * ratio, y * ratio, 1, 1).data;
            return pixel ? Array.from(pixel.slice(0, 3)) : [];
          },
          { x: middle, y: AXIS + 3 },
        ),
      )
      .toEqual([255, 243, 204]);
    await page.mouse.move(box.x + 5, box.y + box.height + 200);
    await screenshot(page, 'timeline-05-episode-band');
    // The meta CSP's frame-ancestors notice is Chromium's, not ours (the Electron shell sends it as a header).
    expect(pageProblems(app)).toEqual([]);
  });

  it('creates a key practice episode from the button, with dates typed in', async () => {
    await page.getByRole('button', { name: 'New key practice episode' }).click();
    const form = page.getByRole('form', { name: 'New key practice episode' });
    await form.waitFor();
    await form.getByLabel('Episode title').fill('Missed health appointments');
    await form.getByLabel('To').fill('30/06/2015');
    await form.getByLabel('From').fill('01/07/2015');
    await form.getByRole('button', { name: 'Create key practice episode' }).click();
    // Checked by the main process: the form says why and keeps what was typed.
    await form.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    expect(await form.getByLabel('Episode title').inputValue()).toBe('Missed health appointments');
    await form.getByLabel('From').fill('01/03/2015');
    await screenshot(page, 'timeline-06-episode-typed');
    await expectAccessible('timeline with the typed episode form');
    await form.getByRole('button', { name: 'Create key practice episode' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'New key practice episode' }).waitFor();
  });
});
