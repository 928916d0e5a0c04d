import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prose } from '../../shared/reports/prose.js';
import { accessibilityViolations, pageProblems, reloadUnlocked, screenshot } from './support/browser.js';
import { type HostedApp, openOnNewVault, PASSPHRASE } from './support/hosted-app.js';
import { casebookJson } from './support/seeded-vault.js';

/**
 * The reviewer's prose end to end: a real web host on a new vault, in Chromium.
 * Type a report section with a heading, bold text, a nested bulleted list and a
 * link, reload the page, and see it all back, as the vault stored it (read by the
 * real CLI). Text typed just before leaving the screen is saved too. The Export
 * area exports a draft, lists it and records its sign-off. The steps share one tab
 * and run in order.
 */

const INTRODUCTION = 'Introduction and why the review was held';

let opened: HostedApp;
let page: Page;
let reviewId: string;

const modifier = process.platform === 'darwin' ? 'Meta' : 'Control';

function storedProse(sectionId: string): Prose {
  const args = ['report', 'prose', '--review', reviewId, '--section', sectionId];
  const sections = casebookJson(opened.host.vaultPath, args);
  return (sections as { prose: Prose }[])[0]?.prose ?? [];
}

function section(name: string): Locator {
  return page.getByRole('region', { name });
}

async function openReport(part = '') {
  await page.evaluate(
    ([id, rest]) => {
      window.location.hash = `#/reviews/${id}/report${rest}`;
    },
    [reviewId, part] as const,
  );
  await page.getByRole('tab', { name: 'Report', selected: true }).waitFor();
}

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on the ${label}`).toEqual([]);
}

describe('the report screen in the browser', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
    page = opened.page;
    await page.setViewportSize({ width: 1366, height: 850 });
    await page.getByRole('button', { name: 'New review' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Child Q');
    await page.getByLabel('Type of review').selectOption('cspr');
    await page.getByLabel('Terms of reference').fill('Why Child Q was not seen by a health visitor after March 2015.');
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { name: 'Child Q', level: 1 }).waitFor();
    reviewId = /#\/reviews\/([^/?]+)/.exec(page.url())?.[1] ?? '';
    expect(reviewId).not.toBe('');
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('types a section with a heading, bold text, a nested bulleted list and a link, and says it saved', async () => {
    await openReport();
    await page.getByRole('heading', { name: 'Review report', level: 2 }).waitFor();
    const intro = section(`1. ${INTRODUCTION}`);
    const editor = intro.getByRole('textbox', { name: INTRODUCTION });
    await editor.click();

    await intro.getByRole('combobox', { name: 'Text style' }).selectOption('h2');
    await page.keyboard.type('Why we reviewed');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Agencies ');
    await page.keyboard.press(`${modifier}+b`);
    await page.keyboard.type('did not');
    await page.keyboard.press(`${modifier}+b`);
    await page.keyboard.type(' share what they knew.');
    await page.keyboard.press('Enter');
    await intro.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('Health visiting');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Two missed contacts');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('See the guidance');
    // Select the last word by keyboard. On a loaded machine the editor can drop a selection key
    // while it settles, so check what is selected and try again from the end of the line.
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.keyboard.press('End');
      for (let i = 0; i < 'guidance'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
      if (selected === 'guidance') break;
    }
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('guidance');
    await page.keyboard.press(`${modifier}+k`);
    const address = intro.getByLabel('Link address (https://, http:// or mailto:)');
    await address.fill('javascript:alert(1)');
    await address.press('Enter');
    await intro.getByText('A link must start with http://, https:// or mailto:').waitFor();
    await address.fill('https://www.gov.uk/guidance');
    await address.press('Enter');

    await intro
      .getByRole('status')
      .filter({ hasText: /^Saved \d\d\/\d\d\/\d{4} \d\d:\d\d$/ })
      .waitFor();
    expect(storedProse('introduction')).toEqual([
      { type: 'heading', level: 2, content: [{ text: 'Why we reviewed' }] },
      {
        type: 'paragraph',
        content: [{ text: 'Agencies ' }, { text: 'did not', bold: true }, { text: ' share what they knew.' }],
      },
      { type: 'bullet', depth: 0, content: [{ text: 'Health visiting' }] },
      { type: 'bullet', depth: 1, content: [{ text: 'Two missed contacts' }] },
      {
        type: 'paragraph',
        content: [{ text: 'See the ' }, { text: 'guidance', link: 'https://www.gov.uk/guidance' }],
      },
    ]);
    await screenshot(page, 'report-01-section-typed');
    await section('2. Terms of reference and scope').getByText("From the review's records:").scrollIntoViewIfNeeded();
    expect(await section('2. Terms of reference and scope').locator('.report-records').textContent()).toBe(
      "From the review's records: No scope period recorded; terms of reference recorded",
    );
    await screenshot(page, 'report-02-records');
    await expectAccessible('report screen');
  });

  it('shows the section back after a reload, formatted', async () => {
    await reloadUnlocked(page, PASSPHRASE);
    await openReport();
    const editor = section(`1. ${INTRODUCTION}`).getByRole('textbox', { name: INTRODUCTION });
    await editor.locator('h2', { hasText: 'Why we reviewed' }).waitFor();
    expect(await editor.locator('strong, b').first().textContent()).toBe('did not');
    expect(await editor.locator('ul > li').first().textContent()).toBe('Health visiting');
    expect(await editor.locator('ul ul > li').textContent()).toBe('Two missed contacts');
    const link = editor.locator('a', { hasText: 'guidance' });
    expect(await link.getAttribute('href')).toBe('https://www.gov.uk/guidance');
  });

  it('saves text typed just before going to another tab', async () => {
    await openReport();
    const methodology = section('3. Methodology and independence');
    await methodology.getByRole('textbox', { name: 'Methodology and independence' }).click();
    await page.keyboard.type('Learning Together, led by an independent reviewer.');
    // At once, without the pause that saves it.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect
      .poll(() => storedProse('methodology'))
      .toEqual([{ type: 'paragraph', content: [{ text: 'Learning Together, led by an independent reviewer.' }] }]);
    await openReport();
    await section('3. Methodology and independence')
      .getByRole('textbox', { name: 'Methodology and independence' })
      .getByText('Learning Together, led by an independent reviewer.')
      .waitFor();
  });

  it('links the words selected even when Ctrl+K comes before the editor hears of the selection', async () => {
    const methodology = section('3. Methodology and independence');
    const editor = methodology.getByRole('textbox', { name: 'Methodology and independence' });
    await editor.getByText('Learning Together, led by an independent reviewer.').click();
    // Select "independent" and press Ctrl+K in one task, before selectionchange reaches the editor:
    // what a quick keyboard user does on a busy laptop.
    await editor.evaluate((root, mac) => {
      const text = [...root.querySelectorAll('span')].find((span) => span.textContent?.includes('independent'));
      const node = text?.firstChild;
      if (!node?.textContent) throw new Error('no text node');
      const start = node.textContent.indexOf('independent');
      window.getSelection()?.setBaseAndExtent(node, start, node, start + 'independent'.length);
      root.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 'k',
          code: 'KeyK',
          ctrlKey: !mac,
          metaKey: mac,
          bubbles: true,
          cancelable: true,
        }),
      );
    }, modifier === 'Meta');
    const address = methodology.getByLabel('Link address (https://, http:// or mailto:)');
    await address.fill('https://www.gov.uk/independent');
    await address.press('Enter');
    await expect
      .poll(() => storedProse('methodology'))
      .toEqual([
        {
          type: 'paragraph',
          content: [
            { text: 'Learning Together, led by an ' },
            { text: 'independent', link: 'https://www.gov.uk/independent' },
            { text: ' reviewer.' },
          ],
        },
      ]);
  });

  it('saves text typed just before the vault is locked, even when the save is slow to arrive', async () => {
    const family = section('4. Family involvement');
    await family.getByRole('textbox', { name: 'Family involvement' }).click();
    await page.keyboard.type('The mother met the reviewer twice.');
    // A busy machine: the save reaches the vault late, after the lock would have.
    await page.route('**/api/report.saveProse', async (route) => {
      await new Promise((done) => setTimeout(done, 800));
      await route.continue();
    });
    try {
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByRole('heading', { name: 'Unlock Casebook', level: 1 }).waitFor();
    } finally {
      await page.unrouteAll({ behavior: 'wait' });
    }
    expect(storedProse('family-involvement')).toEqual([
      { type: 'paragraph', content: [{ text: 'The mother met the reviewer twice.' }] },
    ]);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await openReport();
    await section('4. Family involvement').getByText('The mother met the reviewer twice.').waitFor();
  });

  it('keeps the text of every cell of a pasted table (Prose has no tables)', async () => {
    const background = section('6. Background and family structure');
    const editor = background.getByRole('textbox', { name: 'Background and family structure' });
    await editor.click();
    await editor.evaluate((element) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<table><tr><td>Agency</td><td>Contacts</td></tr><tr><td>Police</td><td>3</td></tr></table>',
      );
      data.setData('text/plain', 'Agency\tContacts\nPolice\t3');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await background
      .getByRole('status')
      .filter({ hasText: /^Saved / })
      .waitFor();
    const text = storedProse('background')
      .map((block) => block.content.map((run) => run.text).join(''))
      .join('|');
    for (const cell of ['Agency', 'Contacts', 'Police', '3']) expect(text).toContain(cell);
  });

  it("shows the briefing's six parts, the case in brief drawn from the terms of reference", async () => {
    await page.getByRole('link', { name: 'Seven-minute briefing' }).click();
    await page.getByRole('heading', { name: 'Seven-minute briefing', level: 2 }).waitFor();
    const headings = await page.locator('.report-section h3').allTextContents();
    expect(headings).toEqual([
      '1. The case in brief',
      '2. Why it matters',
      '3. What the review found',
      '4. What to do differently',
      '5. Questions for reflection',
      '6. Where to learn more',
    ]);
    const caseInBrief = section('1. The case in brief');
    await caseInBrief
      .getByText("Drawn from the review's terms of reference until you change it.", { exact: false })
      .waitFor();
    await caseInBrief
      .getByRole('textbox', { name: 'The case in brief' })
      .getByText('Why Child Q was not seen by a health visitor after March 2015.')
      .waitFor();
    await screenshot(page, 'report-03-briefing');
    await expectAccessible('briefing');
    expect(pageProblems(opened.app)).toEqual([]);
  });

  it('exports a draft from the Report tab, lists it as a version, records the sign-off, and then prints FINAL', async () => {
    await openReport();
    const word = page.getByRole('region', { name: 'Word documents' });
    await word.getByRole('checkbox', { name: 'Anonymised' }).uncheck();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      word.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^review-report-v1-\d{4}-\d{2}-\d{2}\.docx$/);
    await word
      .getByRole('status')
      .filter({ hasText: /\(draft version 1\)\.$/ })
      .waitFor();
    const versions = word.getByRole('table', { name: 'Versions' });
    const first = versions.getByRole('row').filter({ hasText: 'v1' });
    await first.getByText('Review report').waitFor();

    await first.getByRole('button', { name: 'Record sign-off' }).click();
    const form = word.locator('form').filter({ has: page.getByRole('heading', { name: /^Sign-off of version 1/ }) });
    await form.getByLabel('Signed off by (role)').fill('Partnership chair');
    await form.getByLabel('Date of the decision (YYYY-MM-DD)').fill('2026-11-30');
    await form.getByRole('button', { name: 'Record sign-off' }).click();
    await first.getByText('Approved by Partnership chair, 30/11/2026').waitFor();
    await versions.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-04-signed-off');
    await expectAccessible('Word documents with a signed-off version');

    // Unchanged since the approval: the same version again, as FINAL.
    const [final] = await Promise.all([
      page.waitForEvent('download'),
      word.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    expect(final.suggestedFilename()).toMatch(/^review-report-v1-\d{4}-\d{2}-\d{2}-final\.docx$/);
    await word
      .getByRole('status')
      .filter({ hasText: /\(FINAL, version 1\)\.$/ })
      .waitFor();
    expect(await versions.getByRole('row').count()).toBe(2);
    expect(pageProblems(opened.app)).toEqual([]);
  });
});
