import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppPage, accessibilityViolations, pageProblems, screenshot } from './support/browser.js';
import { chronologyGrid, chronologyRows } from './support/chronology-grid.js';
import { importChronology, REPO_ROOT } from './support/host.js';
import { type HostedApp, openOnNewVault } from './support/hosted-app.js';

/**
 * A citable, correctable chronology, end to end through the real web host, an
 * encrypted vault and Chromium: each entry keeps its number whatever the filter
 * or view (table, timeline list, entry panel, search), a deleted entry comes back
 * with its number, a wrong import is removed from the Imports list, and a
 * corrected file sent again is recognised row for row and only its new rows are
 * imported. The steps share one tab and run in order.
 */

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/import');
const HEALTH_CSV = 'health-visiting-excel-utf8.csv';
const HEALTH_CORRECTED = join(FIXTURES, 'health-visiting-corrected.csv');
const POLICE_CSV = 'police-semicolon.csv';

let opened: HostedApp;
let app: AppPage;
let page: Page;
let reviewId = '';

/** An import through the same channels the wizard uses, to set the scene quickly. */
async function importFile(agency: string, file: string) {
  const content = await readFile(join(FIXTURES, file));
  await importChronology(opened.host, { reviewId, agency, fileName: file, content, mode: 'skip-invalid' });
}

const grid = () => chronologyGrid(page);
const gridRows = () => chronologyRows(page);

async function goTo(path: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/reviews/${reviewId}/${path}`);
}

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on ${label}`).toEqual([]);
}

describe('chronology: stable entry numbers, delete and restore, remove an import, a corrected file', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
    ({ app, page } = opened);
    const review = await opened.api<{ id: string }>('reviews.create', {
      title: 'Child H',
      type: 'cspr',
      agencies: ['Health visiting', 'Northshire Police'],
    });
    reviewId = review.id;
    await importFile('Health visiting', HEALTH_CSV);
    await importFile('Northshire Police', POLICE_CSV);
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('shows each entry’s number, which a filter does not change, and says how the table is ordered', async () => {
    await page.setViewportSize({ width: 1366, height: 850 });
    await goTo('chronology');
    await grid().waitFor();
    await expect.poll(async () => (await gridRows()).length).toBe(8);
    const all = await gridRows();
    // Health visiting's five were numbered 1-5 when imported, the police three 6-8; by date they interleave.
    expect(all.map((row) => row.ref)).toEqual(['6', '7', '1', '8', '2', '3', '4', '5']);
    await page.getByText(/Entries are in date order: an uncertain date sits at the start of its range/).waitFor();
    await page.locator('.chron-table-section').evaluate((section) => section.scrollIntoView());
    await screenshot(page, 'chronology-refs-01-table-1366');

    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Northshire Police' });
    await expect.poll(async () => (await gridRows()).map((row) => row.ref)).toEqual(['6', '7', '8']);
    await page.locator('.chron-table-section').evaluate((section) => section.scrollIntoView());
    await screenshot(page, 'chronology-refs-02-filtered-1366');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await gridRows()).length).toBe(8);

    // Search results carry the same numbers.
    await page.getByLabel('Search the chronology').fill('neighbour');
    const result = page.locator('.search-results tbody tr');
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.locator('td').first().textContent()).toBe(
      all.find((row) => row.event.startsWith('Call from neighbour'))?.ref,
    );
    await page.getByLabel('Search the chronology').fill('');
    await grid().waitFor();
    await expectAccessible('the numbered table');
  });

  it('lists the timeline’s entries in the table’s order, with the same numbers', async () => {
    const tableOrder = (await gridRows()).map((row) => row.ref);
    await goTo('timeline');
    await page.locator('.timeline-canvas').waitFor();
    await page.getByText(/List of entries in view/).click();
    const listed = page.locator('.timeline-list li .timeline-list-ref');
    await expect.poll(() => listed.count()).toBeGreaterThan(0);
    const inView = await listed.allTextContents();
    expect(inView).toEqual(tableOrder.filter((ref) => inView.includes(ref)));
    await screenshot(page, 'chronology-refs-03-timeline-list');
    await goTo('chronology');
    await grid().waitFor();
  });

  it('deletes an entry from its panel and restores it with its number', async () => {
    const before = await gridRows();
    const target = before[2] as { ref: string; event: string };
    await grid().locator('tbody tr[data-entry-id]').nth(2).locator('td').first().click();
    const panel = page.getByRole('complementary', { name: new RegExp(`^Entry ${target.ref}: `) });
    await panel.waitFor();
    await panel.getByRole('button', { name: `Delete entry ${target.ref}` }).click();
    await expect.poll(async () => (await gridRows()).map((row) => row.ref)).not.toContain(target.ref);
    await page.getByText(`Entry ${target.ref} deleted.`).waitFor();

    await page.locator('summary', { hasText: 'Deleted entries' }).click();
    await page.getByRole('button', { name: `Restore entry ${target.ref}` }).click();
    await expect.poll(async () => (await gridRows()).map((row) => row.ref)).toEqual(before.map((row) => row.ref));
    await page.locator('summary', { hasText: 'Deleted entries' }).click();
  });

  it('removes a wrong import from the Imports list, after asking', async () => {
    await page.locator('summary', { hasText: 'Imports' }).first().click();
    const imports = page.locator('.chron-imports tbody tr');
    await expect.poll(() => imports.count()).toBe(2);
    await page.getByRole('button', { name: `Remove the import of ${POLICE_CSV}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove the import of “${POLICE_CSV}”?` });
    await dialog.waitFor();
    await expectAccessible('the remove-import dialog');
    await screenshot(page, 'chronology-refs-04-remove-import');

    // A removal refused (the review archived meanwhile) says why in the dialog;
    // asked again, the dialog starts without that old error.
    await opened.api('reviews.archive', { id: reviewId });
    await dialog.getByRole('button', { name: 'Remove import' }).click();
    await dialog.getByText('This review is archived').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await opened.api('reviews.restore', { id: reviewId });
    await page.getByRole('button', { name: `Remove the import of ${POLICE_CSV}` }).click();
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').textContent()).toBe('');

    await dialog.getByRole('button', { name: 'Remove import' }).click();
    await expect.poll(async () => (await gridRows()).map((row) => row.ref)).toEqual(['1', '2', '3', '4', '5']);
    await expect.poll(() => imports.count()).toBe(1);
    expect(await imports.first().textContent()).toContain(HEALTH_CSV);
  });

  it('recognises the corrected health visiting file and imports only its new rows', async () => {
    await page.getByRole('link', { name: 'Import agency chronology' }).click();
    await page.getByRole('heading', { name: 'Import an agency chronology', level: 2 }).waitFor();
    await page.getByRole('radio', { name: 'Health visiting', exact: true }).check();
    await page.getByLabel('Chronology file').setInputFiles(HEALTH_CORRECTED);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { name: 'Check the rows before importing', level: 2 }).waitFor();

    const banner = page.locator('.banner.overlap');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('5 of this file’s entries are already in the chronology');
    expect(await banner.textContent()).toContain(HEALTH_CSV);
    const importAll = page.getByRole('button', { name: 'Import all 8 rows' });
    expect(await importAll.isDisabled()).toBe(true);
    expect(await page.locator('#import-all-why').textContent()).toContain('already in the chronology');
    await banner.getByRole('radio', { name: 'Import only the 3 new entries' }).check();
    await expectAccessible('the corrected-file preview');
    await screenshot(page, 'chronology-refs-05-corrected-file');
    await page.getByRole('button', { name: 'Import the 3 new rows' }).click();
    await page.getByRole('heading', { name: 'Import finished', level: 2 }).waitFor();
    expect(await page.locator('.import-counts').textContent()).toContain('Imported3');
    expect(await page.locator('.import-counts').textContent()).toContain('Already there, not imported again5');
    await page.getByRole('button', { name: 'Back to the chronology' }).click();
    await grid().waitFor();
    // Five kept their numbers; the three corrected rows are new numbers after the police file's.
    await expect
      .poll(async () => (await gridRows()).map((row) => Number(row.ref)).sort((a, b) => a - b))
      .toEqual([1, 2, 3, 4, 5, 9, 10, 11]);
    expect(pageProblems(app)).toEqual([]);
  });
});
