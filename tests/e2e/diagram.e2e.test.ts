import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, screenshot } from './support/browser.js';
import { REPO_ROOT } from './support/host.js';
import { type HostedApp, openOnVault } from './support/hosted-app.js';
import { type SeededVault, seededVault } from './support/seeded-vault.js';

/**
 * The analysis diagram in real Chromium through the real web host: a chain
 * built on the diagram from a chronology entry to an action (by dragging and
 * with the keyboard), the same links seen in the forms, a selected item's chain
 * highlighted, problems marked on their items, the list alternative, and the
 * diagram exported as a PNG. One tab, in order.
 */

const HEALTH_VISITING = join(REPO_ROOT, 'tests/fixtures/import/health-visiting-excel-utf8.csv');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const FACTOR = 'Explanations of bruising accepted without challenge';
const OTHER_FACTOR = 'Supervision did not test the plan';
const FINDING = 'Bruises in babies were explained away';
const RECOMMENDATION = 'Adopt a bruising protocol across the partnership';
const ACTION = 'Publish the bruising protocol';

let seeded: SeededVault;
let opened: HostedApp;
let reviewId: string;
let page: Page;

const node = (text: string): Locator => page.locator('.react-flow__node').filter({ hasText: text });

async function nodeId(text: string): Promise<string> {
  const id = await node(text).getAttribute('data-id');
  if (!id) throw new Error(`no node for ${text}`);
  return id;
}

async function fitView(): Promise<void> {
  await page.getByRole('button', { name: /fit view/i }).click();
  await page.waitForTimeout(300);
}

/**
 * Drags a link from an item's handle (its right edge, or its left with `side: 'left'`) to empty space:
 * the foot of the diagram just beside the item (fitting the view leaves a margin there).
 */
async function dragToSpace(text: string, side: 'left' | 'right'): Promise<void> {
  await fitView();
  const frame = await page.locator('.diagram-frame').boundingBox();
  const handle = await node(text)
    .locator(side === 'right' ? '.react-flow__handle-right' : '.react-flow__handle-left')
    .boundingBox();
  if (!frame || !handle) throw new Error(`no ${side} handle on ${text}`);
  const start = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
  const end = { x: start.x + (side === 'right' ? 40 : -40), y: frame.y + frame.height - 30 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

const newItemForm = () => page.locator('form.diagram-new-item');

async function edgeCount(): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

describe('the analysis diagram in the browser', () => {
  beforeAll(async () => {
    seeded = await seededVault('diagram', {
      review: { title: 'Child H', type: 'cspr' },
      imports: [{ agency: 'Health visiting', file: HEALTH_VISITING }],
    });
    reviewId = seeded.reviewId;
    opened = await openOnVault(seeded.vaultPath);
    page = opened.page;
    await page.setViewportSize({ width: 1366, height: 850 });
    await page.evaluate((id) => {
      window.location.hash = `#/reviews/${id}/analysis`;
    }, reviewId);
    await page.getByRole('button', { name: 'Diagram', exact: true }).click();
    await page.getByRole('heading', { name: 'Diagram', exact: true }).waitFor();
  });

  afterAll(async () => {
    await opened?.stop();
    await seeded?.remove();
  });

  it('builds a chain from a chronology entry to an action on the diagram', async () => {
    // Two factors from the toolbar.
    for (const description of [FACTOR, OTHER_FACTOR]) {
      await page.getByRole('button', { name: 'New contributory factor' }).click();
      await newItemForm().getByLabel('Description').fill(description);
      await newItemForm().getByRole('button', { name: 'Add' }).click();
      await node(description).waitFor();
    }

    // Evidence: a link dragged back from the factor's left edge to empty space, then the entry chosen.
    await dragToSpace(FACTOR, 'left');
    const evidence = newItemForm().getByLabel('Chronology entry or key practice episode');
    await evidence.waitFor();
    const entryLabel = (await evidence.locator('option').nth(1).textContent()) ?? '';
    expect(entryLabel).toContain('Health visiting');
    await evidence.selectOption({ index: 1 });
    await newItemForm().getByRole('button', { name: 'Link' }).click();
    await expect.poll(edgeCount).toBe(1);
    await expect.poll(() => page.locator('.react-flow__node').filter({ hasText: 'Chronology entry' }).count()).toBe(1);

    // A finding and a recommendation, each dragged out of the item before it.
    await dragToSpace(FACTOR, 'right');
    await newItemForm().getByLabel('In a sentence').fill(FINDING);
    await newItemForm().getByRole('button', { name: 'Add' }).click();
    await node(FINDING).waitFor();
    await expect.poll(edgeCount).toBe(2);

    await dragToSpace(FINDING, 'right');
    await newItemForm().getByLabel('In a sentence').fill(RECOMMENDATION);
    await newItemForm().getByRole('button', { name: 'Add' }).click();
    await node(RECOMMENDATION).waitFor();
    await expect.poll(edgeCount).toBe(3);

    // The action from the toolbar, linked with the keyboard: L on the recommendation, L on the action.
    await page.getByRole('button', { name: 'New action' }).click();
    await newItemForm().getByLabel('In a sentence').fill(ACTION);
    await newItemForm().getByRole('button', { name: 'Add' }).click();
    await node(ACTION).waitFor();
    await fitView();
    await node(RECOMMENDATION).focus();
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('.diagram-link-note').textContent()).toContain('Linking from');
    await node(ACTION).focus();
    await page.keyboard.press('l');
    await expect.poll(edgeCount).toBe(4);
    expect(await page.locator('.diagram-link-note').textContent()).toContain(`Linked ${RECOMMENDATION} to ${ACTION}`);

    // The keyboard unlinks too, and links again.
    await node(RECOMMENDATION).focus();
    await page.keyboard.press('l');
    await node(ACTION).focus();
    await page.keyboard.press('Delete');
    await expect.poll(edgeCount).toBe(3);
    await node(RECOMMENDATION).focus();
    await page.keyboard.press('l');
    await node(ACTION).focus();
    await page.keyboard.press('l');
    await expect.poll(edgeCount).toBe(4);

    // The action has no owner or date: marked on its node in words; the finding has evidence, so it is not.
    await expect
      .poll(() => node(ACTION).locator('.diagram-node-problems').textContent())
      .toContain('Action without an owner');
    expect(await node(FINDING).locator('.diagram-node-problems').count()).toBe(0);
    expect(await node(OTHER_FACTOR).locator('.diagram-node-problems').count()).toBe(0);
  });

  it('shows the same links in the forms, and a link made in the forms on the diagram', async () => {
    await page.getByRole('button', { name: 'Forms', exact: true }).click();
    const item = (text: string) =>
      page.locator('li.item').filter({ has: page.locator('.item-title', { hasText: text }) });
    await item(FACTOR).waitFor();
    expect(await item(FACTOR).locator('.evidence-links li').count()).toBe(1);
    expect(await item(FACTOR).locator('.evidence-links li').textContent()).toContain('Health visiting');
    await expect.poll(() => item(FINDING).getByRole('checkbox', { name: FACTOR }).isChecked()).toBe(true);
    expect(await item(FINDING).getByRole('checkbox', { name: OTHER_FACTOR }).isChecked()).toBe(false);
    expect(await item(RECOMMENDATION).getByRole('checkbox', { name: FINDING }).isChecked()).toBe(true);
    expect(await item(ACTION).getByRole('checkbox', { name: RECOMMENDATION }).isChecked()).toBe(true);

    // The other way: the second factor ticked in the forms is drawn on the diagram at once.
    // A link's checkbox shows the saved link, so it changes once the main process has answered: click, then wait.
    await item(FINDING).getByRole('checkbox', { name: OTHER_FACTOR }).click();
    await expect.poll(() => item(FINDING).getByRole('checkbox', { name: OTHER_FACTOR }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Diagram', exact: true }).click();
    await node(FACTOR).waitFor();
    await expect.poll(edgeCount).toBe(5);
  });

  it('highlights a selected item’s whole chain both ways, and nothing beside it', async () => {
    await fitView();
    await node(FACTOR).click();
    const mark = async (text: string) =>
      ((await node(text).locator('.diagram-node').getAttribute('class')) ?? '').match(
        /diagram-(chain|faded|none)\b/,
      )?.[1];
    await expect.poll(() => mark(FACTOR)).toBe('chain');
    for (const text of ['Chronology entry', FINDING, RECOMMENDATION, ACTION]) expect(await mark(text)).toBe('chain');
    // The second factor supports the same finding but is not part of this factor's chain.
    expect(await mark(OTHER_FACTOR)).toBe('faded');
    const factorId = await nodeId(FACTOR);
    const otherId = await nodeId(OTHER_FACTOR);
    const findingId = await nodeId(FINDING);
    expect(
      await page.locator(`.react-flow__edge[data-id="${factorId}->${findingId}"] path.diagram-chain`).count(),
    ).toBeGreaterThan(0);
    expect(
      await page.locator(`.react-flow__edge[data-id="${otherId}->${findingId}"] path.diagram-faded`).count(),
    ).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Arrange automatically' }).click();
    await page.getByText('Diagram arranged.').waitFor();
    await fitView();
    // Readable at 1366 x 850: the items' words at 10px or more on screen, the chain's start in view.
    const onScreen = await node(FACTOR)
      .locator('.diagram-node-title')
      .evaluate((title) => {
        const viewport = title.closest('.react-flow__viewport');
        const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
        return Number.parseFloat(getComputedStyle(title).fontSize) * zoom;
      });
    expect(onScreen).toBeGreaterThanOrEqual(10);
    const frame = await page.locator('.diagram-frame').boundingBox();
    const start = await node('Chronology entry').boundingBox();
    if (!frame || !start) throw new Error('no diagram frame or chronology entry');
    expect(start.x).toBeGreaterThanOrEqual(frame.x);
    expect(start.y).toBeGreaterThanOrEqual(frame.y);
    await screenshot(page, 'diagram-01-chain-selected');
    expect(await accessibilityViolations(page), 'axe violations on the diagram').toEqual([]);
  });

  it('offers the diagram as a list', async () => {
    await page.getByRole('button', { name: 'Show as a list' }).click();
    const findings = page.getByRole('region', { name: 'Findings' });
    await findings.waitFor();
    const text = (await findings.textContent()) ?? '';
    expect(text).toContain(FINDING);
    expect(text).toContain(`Rests on: ${FACTOR}; ${OTHER_FACTOR}`);
    expect(text).toContain(`Leads to: ${RECOMMENDATION}`);
    expect(await page.getByRole('region', { name: 'Actions' }).textContent()).toContain(
      'Problem: Action without an owner',
    );
    expect(await accessibilityViolations(page), 'axe violations on the list').toEqual([]);
    await page.getByRole('button', { name: 'Show as a list' }).click();
    await node(FACTOR).waitFor();
  });

  it('exports the diagram as a PNG', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^analysis-diagram-\d{4}-\d{2}-\d{2}\.png$/);
    const path = await file.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(200);
  });
});
