import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, REVIEWER_NAME, screenshot } from './support/browser.js';
import { REPO_ROOT } from './support/host.js';
import { type HostedApp, openHostedApp, PASSPHRASE } from './support/hosted-app.js';

/**
 * Layout and wording at the size of a common laptop screen (1366 x 850), through
 * the real web host: the recovery key in whole groups with Print; a confirmation
 * that stays on its own screen; the import wizard choosing the next agency
 * without a file and saying which header it matched; a chronology and a timeline
 * that use the window's width and clip no date; entries outside the scope period
 * said, not hidden; a CDOP import preview whose repeated warnings are grouped,
 * so its buttons are in reach; and no page that scrolls the window past the app.
 * The steps share one browser tab and run in order.
 */

const WIDTH = 1366;
const HEIGHT = 850;
const HEALTH_CSV = join(REPO_ROOT, 'tests/fixtures/import/health-visiting-excel-utf8.csv');

let opened: HostedApp;
let page: Page;
let reviewPath = '';

function heading(name: string | RegExp, level?: number) {
  return page.getByRole('heading', { name, level, exact: typeof name === 'string' });
}

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on ${label}`).toEqual([]);
}

/**
 * The window itself never scrolls: only the frame's content pane does. Scrolls the
 * pane and the window to their ends and measures the document, as a person
 * scrolling past the end of a long page would.
 */
async function expectNoScrollPastFrame(label: string) {
  const measured = await page.evaluate(() => {
    document.querySelector('main')?.scrollTo(0, 1e9);
    window.scrollTo(0, 1e9);
    const scrolling = document.scrollingElement ?? document.documentElement;
    return { scrollHeight: scrolling.scrollHeight, scrollY: window.scrollY, innerHeight: window.innerHeight };
  });
  expect(measured.scrollHeight, `${label}: the document is taller than the window`).toBeLessThanOrEqual(
    measured.innerHeight,
  );
  expect(measured.scrollY, `${label}: the window scrolled`).toBe(0);
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
}

/** The page's data has arrived (a long table is what used to push the window down). */
async function pageLoaded() {
  await expect.poll(async () => (await page.locator('main').textContent()) ?? '').not.toMatch(/Loading/);
}

/**
 * The elements whose text does not fit them: wider than the element, or (with
 * `tall`) taller. A table cell's text sits in a clamp that hides what overflows.
 */
async function clipped(selector: string, tall: boolean): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll(
      (elements, checkHeight) =>
        elements
          .filter(
            (element) =>
              element.scrollWidth > element.clientWidth + 1 ||
              (checkHeight && element.scrollHeight > element.clientHeight + 1),
          )
          .map((element) => (element.textContent ?? '').slice(0, 60)),
      tall,
    );
}

describe('layout at 1366 x 850', () => {
  beforeAll(async () => {
    opened = await openHostedApp();
    page = opened.page;
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('shows the recovery key in whole groups, four to a line, with Print', async () => {
    await heading('Create your Casebook vault', 1).waitFor();
    await page.getByLabel('Your name', { exact: true }).fill(REVIEWER_NAME);
    await page.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await heading('Your recovery key', 1).waitFor();

    const key = page.getByTestId('recovery-key');
    expect(((await key.textContent()) ?? '').trim()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    // Each group sits on one line, and the lines hold four groups each.
    const groups = await key.locator('.recovery-key-group').evaluateAll((spans) =>
      spans.map((span) => ({
        lines: span.getClientRects().length,
        top: Math.round(span.getBoundingClientRect().top),
      })),
    );
    expect(groups).toHaveLength(8);
    expect(groups.every((group) => group.lines === 1)).toBe(true);
    expect(new Set(groups.map((group) => group.top)).size).toBe(2);
    await page.getByRole('button', { name: 'Print recovery key' }).waitFor();
    await screenshot(page, 'layout-01-recovery-key');
    await expectAccessible('the recovery key screen');

    await page.getByLabel('I have stored the recovery key somewhere safe, away from this laptop').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading('Reviews', 1).waitFor();
  });

  it('shows “Review created.” on the new review only, not on its other tabs', async () => {
    await page.getByRole('button', { name: 'New review' }).click();
    await heading('New review', 1).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Child K');
    await page.getByLabel('Type of review').selectOption('cspr');
    await page.getByLabel('From', { exact: true }).fill('01/03/2015');
    await page.getByLabel('To', { exact: true }).fill('31/05/2016');
    const agency = page.getByLabel('Agency to add');
    for (const name of ['Northshire Police', 'Health Visiting', 'Riverside Homes']) {
      await agency.fill(name);
      await agency.press('Enter');
    }
    await page.getByRole('button', { name: 'Create review' }).click();
    await heading('Child K', 1).waitFor();
    reviewPath = await page.evaluate(() => window.location.hash);
    await page.getByText('Review created.').waitFor();

    await page.getByRole('tab', { name: 'Chronology' }).click();
    await page.getByRole('tab', { name: 'Chronology', selected: true }).waitFor();
    expect(await page.getByText('Review created.').count()).toBe(0);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await page.getByText('Review created.').count()).toBe(0);
  });

  it('imports for the first agency without a file, saying which header was taken for which field', async () => {
    await page.getByRole('tab', { name: 'Chronology' }).click();
    await page.getByRole('link', { name: 'Import agency chronology' }).click();
    await heading('Import an agency chronology', 2).waitFor();
    await expect.poll(() => page.getByRole('radio', { checked: true }).getAttribute('value')).toBe('Northshire Police');

    const csv = [
      'Date,Details,Staff',
      '12/05/2015,Initial assessment completed by the duty social worker following the referral,PC Hargreaves',
      'between 01/01/2016 and 30/04/2016,Neighbour reported shouting from the flat on several evenings,PC Hargreaves',
      '03/02/2014,Earlier call-out to the address before the scope period began,PC Odum',
    ].join('\r\n');
    await page.getByLabel('Chronology file').setInputFiles({
      name: 'police.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    // The mapping is on the preview, in words: "Details" is a usual name for Event, not the field's own name.
    const used = page.locator('.columns-used-list');
    const field = (name: string) => used.locator('div').filter({ has: page.locator('dt', { hasText: name }) });
    expect(await field('Event').textContent()).toBe('Event“Details” is a usual name for Event');
    expect(await field('Date').textContent()).toBe('DateThe column is called “Date”');
    expect(await used.textContent()).not.toContain('Header matches the field’s name');
    await screenshot(page, 'layout-02-import-preview');
    await expectAccessible('the import preview');
    await expectNoScrollPastFrame('the import preview');
    await page.getByRole('button', { name: 'Import all 3 rows' }).click();
    await heading('Import finished', 2).waitFor();
    await page.getByRole('button', { name: 'Back to the chronology' }).click();

    // The next import starts on the next agency with no file yet, not on the first every time.
    await page.getByRole('link', { name: 'Import agency chronology' }).click();
    await heading('Import an agency chronology', 2).waitFor();
    await expect.poll(() => page.getByRole('radio', { checked: true }).getAttribute('value')).toBe('Health Visiting');
    await page.getByLabel('Chronology file').setInputFiles(HEALTH_CSV);
    await screenshot(page, 'layout-03-import-choose');
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    // One way to import: the valid rows; no dead "Import all 8 rows" beside it.
    expect(await page.getByRole('button', { name: /^Import all/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Import the 5 valid rows and skip 3' }).click();
    await heading('Import finished', 2).waitFor();
    await page.getByRole('button', { name: 'Back to the chronology' }).click();
    await page.getByRole('grid', { name: 'Integrated chronology' }).waitFor();
  });

  it('shows the chronology across the window, with no date or word cut off', async () => {
    const grid = page.getByRole('grid', { name: 'Integrated chronology' });
    await expect.poll(() => grid.locator('tbody tr[data-entry-id]').count()).toBe(8);
    const width = await page.locator('.chron-grid-scroll').evaluate((element) => element.clientWidth);
    expect(width).toBeGreaterThan(WIDTH - 14 * 16 - 80);
    // Every date whole (a range breaks after its dash, never off the edge); no text cut at the side.
    expect(await page.locator('.chron-body .chron-col-date .chron-clamp').count()).toBe(8);
    expect(await clipped('.chron-body .chron-col-date .chron-clamp', true)).toEqual([]);
    expect(await clipped('.chron-body .chron-clamp', false)).toEqual([]);
    await page.locator('.chron-grid-scroll').evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'layout-04-chronology');
    await expectNoScrollPastFrame('the chronology');
  });

  it('says how many entries lie outside the scope period, and shows them on request', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.locator('.timeline-canvas').waitFor();
    const outside = page.locator('.timeline-outside');
    await expect
      .poll(() => outside.textContent())
      .toContain('1 entry is dated outside the review’s scope period, so not in view.');
    const summary = page.locator('.timeline-summary');
    await expect.poll(() => summary.textContent()).toMatch(/Showing Mar 2015 to .*: 7 entries in view/);
    await page.locator('.timeline-view').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'layout-05-timeline');
    await outside.getByRole('button', { name: 'Show every entry' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/Showing .*2014 to .*: 8 entries in view/);
    await outside.getByRole('button', { name: 'Back to the scope period' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/Showing Mar 2015 to .*: 7 entries in view/);
    await expectAccessible('the timeline');
    await expectNoScrollPastFrame('the timeline');
  });

  it('groups the same warning on many CDOP rows into one line, with the buttons in reach', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Child deaths (CDOP)' }).click();
    await page.getByRole('button', { name: 'Import historical cases' }).click();
    await heading('Import historical cases', 1).waitFor();
    const header =
      'Case Ref,DOB,Date of death,Gender,Ethnic group,Expected/Unexpected,Category of death,Modifiable factors,Date of notification,Review completed';
    const rows = Array.from({ length: 60 }, (_, i) => {
      const reference = `H-${String(i + 1).padStart(3, '0')}`;
      // 56 cases have a category but no completion date: one warning each, the same one.
      const completed = i < 56 ? '' : '14/09/2022';
      return `${reference},10/05/2022,07/06/2022,Male,,unexpected,10,none,08/06/2022,${completed}`;
    });
    await page.getByLabel('Spreadsheet (.csv or .xlsx)').setInputFiles({
      name: 'historic-60.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\r\n')),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();

    const problems = page.locator('.problems-table tbody tr');
    expect(await problems.count()).toBe(1);
    const only = problems.first();
    expect(await only.textContent()).toMatch(
      /^56 rows.*Date review completed \(column “Review completed”\)no review completion date: counted as not yet reviewedWarning$/,
    );
    // The rows are there when asked for.
    await only.getByText('56 rows').click();
    expect(await only.locator('details p').textContent()).toMatch(/^2, 3, 4, .*, 57$/);
    // The import button is within a screen or two of the top, not thousands of pixels down.
    const importButton = page.getByRole('button', { name: 'Import all 60 rows' });
    const top = await importButton.evaluate(
      (button) => button.getBoundingClientRect().top + (document.querySelector('main')?.scrollTop ?? 0),
    );
    expect(top).toBeLessThan(2 * HEIGHT);
    await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    await screenshot(page, 'layout-06-cdop-import-preview');
    await page.setViewportSize({ width: WIDTH, height: 2200 });
    await screenshot(page, 'layout-07-cdop-import-preview-whole');
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await expectAccessible('the CDOP import preview');
    await expectNoScrollPastFrame('the CDOP import preview');

    await importButton.click();
    await heading('Import finished', 2).waitFor();
    await page.getByRole('link', { name: 'See the imported cases' }).click();
    await heading('Child deaths (CDOP)', 1).waitFor();
    // The list says how many cases there are, and finds one by its reference.
    const count = page.locator('.case-count');
    await expect.poll(() => count.textContent()).toBe('60 cases');
    await page.getByLabel('Search').fill('h-05');
    await expect.poll(() => count.textContent()).toBe('10 of 60 cases');
    await page.getByRole('link', { name: 'H-057' }).click();
    // The case page shows the panel's decision: category and modifiable outcome.
    const decision = page.getByRole('region', { name: 'Panel decision' });
    await decision.waitFor();
    expect(await decision.textContent()).toMatch(/Category of death10\. /);
    expect(await decision.textContent()).toContain('Modifiable factors');
    expect(await decision.textContent()).not.toContain('Modifiable factorsNot yet recorded');
  });

  it('never scrolls the window past the app frame, on any page', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [link, title] of [
      ['Statistics', /statistics/i],
      ['Settings', 'Settings'],
      ['Child deaths (CDOP)', 'Child deaths (CDOP)'],
      ['Reviews', 'Reviews'],
    ] as const) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await heading(title, 1).waitFor();
      await pageLoaded();
      await expectNoScrollPastFrame(link);
    }
    for (const tab of ['overview', 'status', 'people', 'chronology', 'timeline']) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `${reviewPath}/${tab}`);
      await heading('Child K', 1).waitFor();
      await pageLoaded();
      await expectNoScrollPastFrame(`the review's ${tab} tab`);
    }
    // The audit log says what happened in words.
    await nav.getByRole('link', { name: 'Settings', exact: true }).click();
    const activity = page.getByRole('table', { name: 'Recent activity in the audit log' });
    await expect.poll(() => activity.textContent()).toContain('child death cases imported');
    expect(await activity.textContent()).toContain(
      '5 chronology entries imported from an agency’s file, 3 rows skipped',
    );
    expect(await activity.textContent()).not.toMatch(/cdop_case|chronology_import|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
