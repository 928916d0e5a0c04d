import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppPage, accessibilityViolations, pageProblems, screenshot } from './support/browser.js';
import { chronologyGrid, chronologyRows } from './support/chronology-grid.js';
import { importChronology, REPO_ROOT } from './support/host.js';
import { type HostedApp, openOnNewVault } from './support/hosted-app.js';

/**
 * The integrated chronology, end to end through the real web host and an
 * encrypted vault: import a BOM'd CSV (as Excel writes it) for the health
 * visitors and an .xlsx written by LibreOffice Calc for the housing provider,
 * seeing each preview's errors with their spreadsheet rows and importing the
 * valid rows; refuse a re-import without confirmation; map the columns of a third
 * agency's file whose headers match nothing; find the possible duplicates it
 * brings; search with highlighted matches; edit a cell in place and undo it; move
 * with the keyboard; open an entry with its provenance. axe checks every screen.
 * The steps share one browser tab and run in order.
 */

const IMPORT_FIXTURES = join(REPO_ROOT, 'tests/fixtures/import');
const HEALTH_CSV = join(IMPORT_FIXTURES, 'health-visiting-excel-utf8.csv');
const HOUSING_XLSX = join(IMPORT_FIXTURES, 'housing-chronology-libreoffice.xlsx');
const POLICE_CSV = join(REPO_ROOT, 'tests/fixtures/chronology/police-duplicates.csv');

let opened: HostedApp;
let app: AppPage;
let page: Page;
let reviewId = '';

function heading(name: string | RegExp, level?: number) {
  return page.getByRole('heading', { name, level, exact: typeof name === 'string' });
}

async function expectAccessible(label: string) {
  const violations = await accessibilityViolations(page);
  expect(violations, `axe violations on the ${label} screen`).toEqual([]);
}

/** The whole content pane at a given height (only the pane scrolls). */
async function paneScreenshot(name: string, height = 1400, width = 1280) {
  await page.setViewportSize({ width, height });
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

function problemsTable(): Locator {
  return page.locator('table.problems-table');
}

async function problemRows(): Promise<string[][]> {
  return problemsTable()
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => (cell.textContent ?? '').trim())),
    );
}

const grid = () => chronologyGrid(page);

const gridRows = () => chronologyRows(page);

async function startImport(agency: string | { new: string }, file: string) {
  await page.getByRole('link', { name: 'Import agency chronology' }).click();
  await heading('Import an agency chronology', 2).waitFor();
  if (typeof agency === 'string') await page.getByRole('radio', { name: agency, exact: true }).check();
  else {
    await page.getByRole('radio', { name: 'Another agency' }).check();
    await page.getByLabel('Agency name').fill(agency.new);
  }
  await page.getByLabel('Chronology file').setInputFiles(file);
}

/** Records every value the import's progress bar shows (it may come and go between two polls). */
async function watchProgress() {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const value = bar?.getAttribute('aria-valuenow');
      if (value !== null && value !== undefined && seen.at(-1) !== value) seen.push(value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function progressSeen(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

describe('chronology: import, preview, duplicates, search, edit and undo, entry panel', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
    ({ app, page } = opened);
    // The review itself is the reviews test's business: made through the API with this tab's token.
    const review = await opened.api<{ id: string }>('reviews.create', {
      title: 'Child H',
      type: 'cspr',
      scopeFrom: '2015-03-01',
      scopeTo: '2016-03-31',
      agencies: ['Health Visiting', 'Riverside Homes'],
    });
    reviewId = review.id;
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('shows an empty chronology with the way to fill it', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/reviews/${id}/chronology`;
    }, reviewId);
    await page.getByRole('tab', { name: 'Chronology', selected: true }).waitFor();
    await heading('No entries yet', 2).waitFor();
    expect(await page.locator('.empty-state').textContent()).toContain(
      'Import each agency’s chronology to build the integrated chronology.',
    );
    await expectAccessible('empty chronology');
  });

  it('imports the health visitors’ BOM’d CSV: preview errors by spreadsheet row, then the valid rows', async () => {
    await startImport('Health Visiting', HEALTH_CSV);
    await paneScreenshot('chronology-01-import-choose', 900);
    await expectAccessible('import: agency and file');
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();

    const counts = page.locator('.import-counts');
    expect(await counts.textContent()).toContain('Rows read8');
    expect(await counts.textContent()).toContain('Valid rows5');
    expect(await counts.textContent()).toContain('Rows with errors3');
    const rows = await problemRows();
    const errors = rows.filter((row) => row[3]?.startsWith('Error'));
    expect(errors.map((row) => row[0])).toEqual(['5', '7', '8']);
    expect(errors.find((row) => row[0] === '7')?.[2]).toContain('31/02/2015');
    // Dates shown as written and as understood, never with a made-up day.
    const sample = page.locator('table.sample-table');
    expect(await sample.textContent()).toContain('?/06/2015');
    expect(await sample.textContent()).toContain('Jun 2015');
    expect(await sample.textContent()).toContain('circa July 2015');

    // One import button: no dead "Import all 8 rows" beside the one that works.
    expect(await page.getByRole('button', { name: /^Import all/ }).count()).toBe(0);
    expect(await page.locator('#import-all-why').textContent()).toContain('3 rows have errors');
    await paneScreenshot('chronology-02-preview-csv', 1500);
    await expectAccessible('import: preview');

    await watchProgress();
    await page.getByRole('button', { name: 'Import the 5 valid rows and skip 3' }).click();
    await heading('Import finished', 2).waitFor();
    expect((await progressSeen()).length).toBeGreaterThan(0);
    expect(await page.locator('.import-counts').textContent()).toContain('Imported5');
    expect(await page.locator('.import-counts').textContent()).toContain('Rows skipped3');
    await paneScreenshot('chronology-03-import-result', 900);
    await expectAccessible('import: result');
    await page.getByRole('button', { name: 'Back to the chronology' }).click();
    await grid().waitFor();
    await expect.poll(async () => (await gridRows()).length).toBe(5);
  });

  it('imports the LibreOffice .xlsx: sheet choice, header below a title, its own errors', async () => {
    await startImport('Riverside Homes', HOUSING_XLSX);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    const sheet = page.getByLabel('Sheet');
    expect(await sheet.inputValue()).toBe('Chronology');
    expect(await sheet.locator('option').allTextContents()).toEqual(['Chronology', 'Notes']);
    expect(await page.getByText('Column headers on row 4').count()).toBe(1);
    const errors = (await problemRows()).filter((row) => row[3]?.startsWith('Error'));
    expect(errors.map((row) => row[0])).toEqual(expect.arrayContaining(['7', '11', '12']));
    expect(errors.find((row) => row[0] === '7')?.[2]).toContain('31/02/2015');
    await paneScreenshot('chronology-04-preview-xlsx', 1500);
    await expectAccessible('import: xlsx preview');
    await page.getByRole('button', { name: /^Import the \d+ valid rows and skip \d+$/ }).click();
    await heading('Import finished', 2).waitFor();
    await page.getByRole('button', { name: 'Back to the chronology' }).click();
    await grid().waitFor();
    await expect.poll(async () => new Set((await gridRows()).map((row) => row.agency)).size).toBe(2);
  });

  it('refuses to import the same file again without an explicit confirmation', async () => {
    await startImport('Health Visiting', HEALTH_CSV);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    const warning = page.locator('.reimport');
    expect(await warning.textContent()).toMatch(/This file was already imported on \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const skip = page.getByRole('button', { name: 'Import the 5 valid rows and skip 3' });
    expect(await skip.isDisabled()).toBe(true);
    await page.getByLabel('Import this file again anyway').check();
    expect(await skip.isEnabled()).toBe(true);
    await expectAccessible('import: already imported');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await grid().waitFor();
  });

  it('asks for the columns it cannot find, then flags the possible duplicates a third agency brings', async () => {
    await startImport({ new: 'Northshire Police' }, POLICE_CSV);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Match the columns', 2).waitFor();
    expect(await page.locator('.banner').first().textContent()).toContain('Date and Event');
    const date = page.getByLabel('Date (required)');
    const event = page.getByLabel('Event (required)');
    expect(await date.inputValue()).toBe('');
    await paneScreenshot('chronology-05-mapping', 1100);
    await expectAccessible('import: column mapping');
    await date.selectOption({ label: 'When' });
    await event.selectOption({ label: 'Narrative' });
    await page.getByRole('button', { name: 'Use these columns' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    expect(await page.getByText('No problems: every row can be imported.').count()).toBe(1);
    await page.getByRole('button', { name: 'Import all 3 rows' }).click();
    await heading('Import finished', 2).waitFor();
    const found = Number(
      (await page
        .locator('.import-counts div', { hasText: 'Possible duplicates found' })
        .locator('dd')
        .textContent()) ?? '0',
    );
    expect(found).toBeGreaterThanOrEqual(1);
    await page.getByRole('link', { name: /^Review the \d+ possible duplicates?$/ }).click();

    await heading(/^Possible duplicates/, 2).waitFor();
    const pairs = page.locator('.duplicate-pair');
    await expect.poll(() => pairs.count()).toBeGreaterThanOrEqual(1);
    const first = pairs.first();
    expect(await first.locator('.pair-agency').allTextContents()).toEqual(
      expect.arrayContaining(['Northshire Police']),
    );
    // Flagged rows carry the marker in the table too.
    await expect
      .poll(async () => (await gridRows()).filter((row) => row.duplicate === 'Possible duplicate').length)
      .toBeGreaterThanOrEqual(2);
    await paneScreenshot('chronology-06-duplicates', 1600);
    await expectAccessible('possible duplicates');
    const before = await pairs.count();
    await first.getByRole('button', { name: 'Link as one event' }).click();
    await page.getByText('Linked as one event.').waitFor();
    await expect.poll(() => pairs.count()).toBe(before - 1);
    await page.getByRole('link', { name: 'Hide possible duplicates' }).click();
  });

  it('shows the integrated chronology readably, with uncertain dates marked and never a made-up day', async () => {
    const rows = await gridRows();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const june = rows.find((row) => row.event.startsWith('Mother telephoned'));
    expect(june?.date).toBe('Jun 2015 month only');
    const july = rows.find((row) => row.event.startsWith('GP letter'));
    expect(july?.date).toBe('circa Jul 2015 month only');
    // The integrated order: by date across agencies.
    expect(rows[0]?.agency).toBe('Riverside Homes');
    await paneScreenshot('chronology-07-table', 1300);
    // A wider window shows every column without scrolling sideways.
    await paneScreenshot('chronology-07-table-wide', 1300, 1600);
    await expectAccessible('chronology table');
  });

  it('moves with the keyboard, edits a cell in place and undoes it', async () => {
    const firstCell = grid().locator('td[tabindex="0"]');
    await firstCell.focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Home');
    // To the Event column of the third row.
    for (let step = 0; step < 6; step += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = grid().locator('td:focus');
    expect(await active.getAttribute('aria-colindex')).toBe('7');
    expect(await active.locator('xpath=..').getAttribute('aria-rowindex')).toBe('4');
    const original = ((await active.textContent()) ?? '').trim();
    // The editor names the entry by its number, whatever row it is on.
    const ref = ((await active.locator('xpath=..').locator('td').first().textContent()) ?? '').trim();

    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: `Event, entry ${ref}` });
    await editor.waitFor();
    await screenshot(page, 'chronology-08-inline-edit');
    await editor.fill('Edited in place by the reviewer.');
    await page.keyboard.press('Enter');
    await page.getByText('Event saved. Ctrl+Z undoes it.').waitFor();
    await expect
      .poll(async () => ((await grid().locator('td:focus').textContent()) ?? '').trim())
      .toBe('Edited in place by the reviewer.');
    expect(await page.getByRole('button', { name: 'Undo: Event' }).isEnabled()).toBe(true);

    await page.keyboard.press('Control+z');
    await page.getByText('Undone: the change to Event.').waitFor();
    await expect.poll(async () => (await gridRows()).some((row) => row.event === original)).toBe(true);
    expect((await gridRows()).some((row) => row.event === 'Edited in place by the reviewer.')).toBe(false);

    // Escape leaves a cell unchanged.
    await grid().locator('td[tabindex="0"]').focus();
    await page.keyboard.press('F2');
    await page.getByRole('textbox', { name: `Event, entry ${ref}` }).fill('Not to be saved');
    await page.keyboard.press('Escape');
    expect((await gridRows()).some((row) => row.event === 'Not to be saved')).toBe(false);
  });

  it('searches the whole chronology and highlights the matches', async () => {
    await page.getByLabel('Search the chronology').fill('food budget');
    await heading(/^Search results/, 2).waitFor();
    const marks = page.locator('.search-results mark');
    await expect.poll(() => marks.count()).toBeGreaterThanOrEqual(2);
    const marked = (await marks.allTextContents()).map((text) => text.toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['food', 'budget']));
    const results = page.locator('.search-table tbody tr');
    expect(await results.count()).toBe(2);
    await paneScreenshot('chronology-09-search', 1100);
    await expectAccessible('search results');
    await page.getByLabel('Search the chronology').fill('');
    await grid().waitFor();
  });

  it('filters by agency and by significance', async () => {
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Northshire Police' });
    await expect
      .poll(async () => new Set((await gridRows()).map((row) => row.agency)))
      .toEqual(new Set(['Northshire Police']));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => new Set((await gridRows()).map((row) => row.agency)).size).toBe(3);

    // Dates typed the UK way; an impossible one is refused, not guessed.
    await page.getByLabel('From', { exact: true }).fill('31/02/2015');
    await page.getByLabel('From', { exact: true }).press('Enter');
    await page.getByText('31/02/2015 is not a real date').waitFor();
    await page.getByLabel('From', { exact: true }).fill('01/09/2015');
    await page.getByLabel('From', { exact: true }).press('Enter');
    await page.getByLabel('To', { exact: true }).fill('30/09/2015');
    await page.getByLabel('To', { exact: true }).press('Enter');
    await expect.poll(async () => (await gridRows()).map((row) => row.date)).toEqual(['03/09/2015', '03/09/2015']);
    await expectAccessible('filtered table');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await gridRows()).length).toBeGreaterThanOrEqual(12);
  });

  it('opens an entry with its provenance, by keyboard and by address', async () => {
    const rows = await gridRows();
    const target = rows.find((row) => row.event.startsWith('New birth visit'));
    expect(target).toBeDefined();
    await grid().locator('td[tabindex="0"]').focus();
    await page.keyboard.press('Control+Home');
    const position = rows.indexOf(target as (typeof rows)[number]);
    for (let step = 0; step < position; step += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: /^Entry \d+:/ });
    await panel.waitFor();
    expect(page.url()).toContain(`/chronology?entry=${target?.id}`);
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('health-visiting-excel-utf8.csv');
    expect(text).toContain('Spreadsheet row2');
    expect(text).toContain('Date as written12/05/2015');
    await screenshot(page, 'chronology-10-entry-panel');
    await expectAccessible('entry panel');

    // Who the entry is about: ticked in the panel, then the person filter finds it.
    await opened.api('people.add', { reviewId, name: 'Harriet Example', role: 'child', pseudonym: 'Child H' });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await page.evaluate(
      ([review, entry]) => {
        window.location.hash = `#/reviews/${review}/chronology?entry=${entry}`;
      },
      [reviewId, target?.id ?? ''],
    );
    await panel.getByRole('checkbox', { name: /Child H/ }).check();
    await expect.poll(() => panel.getByRole('checkbox', { name: /Child H/ }).isChecked()).toBe(true);
    // Saved in the vault, not only ticked on screen.
    await expect
      .poll(
        async () => (await opened.api<{ personIds: string[] }>('chronology.get', { id: target?.id })).personIds.length,
      )
      .toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Harriet Example (Child H)' });
    await expect.poll(async () => (await gridRows()).map((row) => row.id)).toEqual([target?.id]);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // The timeline opens entries by address.
    await page.evaluate(
      ([review, entry]) => {
        window.location.hash = `#/reviews/${review}/chronology?entry=${entry}`;
      },
      [reviewId, target?.id ?? ''],
    );
    await panel.waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(pageProblems(app)).toEqual([]);
  });

  it('keeps 20,000 entries light: only the rows in view are in the page, and Ctrl+End reaches the last', async () => {
    const big = await opened.api<{ id: string }>('reviews.create', {
      title: 'Child J',
      type: 'cspr',
      agencies: ['Health'],
    });
    const lines = ['Ref,Date,Event'];
    for (let row = 0; row < 20_000; row += 1) {
      const day = new Date(Date.UTC(2014, 0, 1) + Math.floor(row / 8) * 86_400_000);
      const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
      lines.push(`R${row + 1},${date},Contact number ${row + 1} recorded by the agency`);
    }
    const result = await importChronology(opened.host, {
      reviewId: big.id,
      agency: 'Health',
      fileName: 'generated.csv',
      content: Buffer.from(lines.join('\r\n')),
    });
    expect(result.imported).toBe(20_000);

    await page.evaluate((id) => {
      window.location.hash = `#/reviews/${id}/chronology`;
    }, big.id);
    await page.getByRole('heading', { name: /Integrated chronology \(20000 entries\)/ }).waitFor();
    expect(await grid().getAttribute('aria-rowcount')).toBe('20001');
    await expect.poll(async () => (await gridRows()).length).toBeGreaterThan(5);
    expect((await gridRows()).length).toBeLessThan(80);
    await grid().locator('td[tabindex="0"]').focus();
    const started = Date.now();
    await page.keyboard.press('Control+End');
    await grid().locator('tr[aria-rowindex="20001"] td:focus').waitFor();
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect
      .poll(() => grid().locator('tr[aria-rowindex="20001"]').textContent())
      .toContain('Contact number 20000');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await gridRows()).length).toBeLessThan(80);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('Control+Home');
    await grid().locator('tr[aria-rowindex="2"] td:focus').waitFor();
    await screenshot(page, 'chronology-11-twenty-thousand');
  });
});
