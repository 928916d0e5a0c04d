import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, screenshot } from './support/browser.js';
import { chronologyGrid, chronologyRows } from './support/chronology-grid.js';
import { importChronology } from './support/host.js';
import { type HostedApp, openOnNewVault } from './support/hosted-app.js';

/**
 * People found in the text, end to end through the real web host, an encrypted
 * vault and Chromium: the reviewer gives people their other names on the People
 * screen; an imported chronology's entries are linked to the people they name; the
 * person filter finds them; the entry panel shows the links, and one the reviewer
 * removes stays removed when the text is edited. The steps share one tab, in order.
 */

let opened: HostedApp;
let page: Page;
let reviewId = '';

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on the ${label} screen`).toEqual([]);
}

function go(path: string) {
  return page.evaluate((hash) => {
    window.location.hash = hash;
  }, path);
}

const grid = () => chronologyGrid(page);

/** The event text of the table's rows, in the order shown. */
async function events(): Promise<string[]> {
  return (await chronologyRows(page)).map((row) => row.event);
}

const FILE = [
  'Date,Staff,Details,Outcome',
  '12/05/2015,Class teacher,TJ arrived late and hungry,Logged',
  '13/05/2015,Team manager,Kel said Tyler’s brother hit him,Referral',
  '14/05/2015,School nurse,Bruise marked on the body map,Advice',
].join('\r\n');

describe('people found in the text: other names, automatic links, the person filter', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
    ({ page } = opened);
    const review = await opened.api<{ id: string }>('reviews.create', {
      title: 'Child A',
      type: 'cspr',
      agencies: ['School'],
    });
    reviewId = review.id;
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('adds people with the other names the records use', async () => {
    await go(`#/reviews/${reviewId}/people`);
    await page.getByRole('heading', { name: 'Add a person', level: 2 }).waitFor();
    const pseudonym = page.getByLabel('Pseudonym or role code');

    await page.getByLabel('Role', { exact: true }).selectOption('child');
    await expect.poll(() => pseudonym.inputValue()).toBe('Child A');
    await page.getByLabel('Real name').fill('Tyler Okafor');
    await page.getByLabel('Other names in the records (optional)').fill('TJ, Ty');
    await page.getByLabel('NHS number').fill('943 476 5919');
    await page.getByLabel('Date of birth').fill('2014-03-09');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByText('Added Child A.').waitFor();

    await page.getByLabel('Role', { exact: true }).selectOption('parent');
    await page.getByLabel('Relationship or job title').fill('Mother');
    await expect.poll(() => pseudonym.inputValue()).toBe('Mother');
    await page.getByLabel('Real name').fill('Kelly Brown');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByText('Added Mother.').waitFor();

    const child = page.getByRole('row', { name: /Child A/ });
    expect(await child.textContent()).toContain('Tyler Okafor (also TJ, Ty)');
    await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    await screenshot(page, 'people-01-other-names');
    await expectAccessible('people with other names');
  });

  it('links the imported entries to the people they name; the person filter finds them', async () => {
    await importChronology(opened.host, {
      reviewId,
      agency: 'School',
      fileName: 'school.csv',
      content: Buffer.from(FILE, 'utf8'),
    });

    await go(`#/reviews/${reviewId}/chronology`);
    await grid().waitFor();
    await expect.poll(events).toHaveLength(3);
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Tyler Okafor (Child A)' });
    await expect.poll(events).toEqual(['TJ arrived late and hungry', 'Kel said Tyler’s brother hit him']);
    // The mother is called "Kel" in the school's records, which Casebook does not know yet.
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Kelly Brown (Mother)' });
    await expect.poll(events).toEqual([]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(events).toHaveLength(3);
  });

  it('gives the mother her other name on the People screen: the entry naming her is linked', async () => {
    await go(`#/reviews/${reviewId}/people`);
    await page
      .getByRole('row', { name: /Mother/ })
      .getByRole('button', { name: /Edit/ })
      .click();
    await page.getByLabel('Other names in the records (optional)').fill('Kel, Ms Brown');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved changes to Mother.').waitFor();

    await go(`#/reviews/${reviewId}/chronology`);
    await grid().waitFor();
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Kelly Brown (Mother)' });
    await expect.poll(events).toEqual(['Kel said Tyler’s brother hit him']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('shows the links in the entry panel; a link the reviewer removes stays removed after an edit', async () => {
    const entries = await opened.api<{ entries: { id: string; event: string }[] }>('chronology.list', { reviewId });
    const target = entries.entries.find((entry) => entry.event.startsWith('Kel'));
    await go(`#/reviews/${reviewId}/chronology?entry=${target?.id}`);
    const panel = page.getByRole('complementary', { name: /^Entry \d+:/ });
    await panel.waitFor();
    const child = panel.getByRole('checkbox', { name: /Child A/ });
    const mother = panel.getByRole('checkbox', { name: /Mother/ });
    await expect.poll(() => child.isChecked()).toBe(true);
    await expect.poll(() => mother.isChecked()).toBe(true);
    expect(await panel.locator('.entry-people').textContent()).toContain('Child A (Tyler Okafor), named in the text');
    await panel.locator('.entry-people').scrollIntoViewIfNeeded();
    await screenshot(page, 'people-02-entry-panel-links');
    await expectAccessible('entry panel with links found in the text');

    await child.uncheck();
    await expect
      .poll(
        async () => (await opened.api<{ personIds: string[] }>('chronology.get', { id: target?.id })).personIds.length,
      )
      .toBe(1);
    // The text is edited and still names the child: the removed link is not made again.
    await opened.api('chronology.update', { id: target?.id, event: 'Kel said Tyler (TJ) was hit by his brother' });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Tyler Okafor (Child A)' });
    await expect.poll(events).toEqual(['TJ arrived late and hungry']);
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Kelly Brown (Mother)' });
    await expect.poll(events).toEqual(['Kel said Tyler (TJ) was hit by his brother']);
  });
});
