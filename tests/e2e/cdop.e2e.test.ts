import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppPage, accessibilityViolations, pageProblems, wholeScreenshot } from './support/browser.js';
import { type HostedApp, openOnNewVault } from './support/hosted-app.js';

/**
 * Child death reviews end to end through the real web host and a real encrypted
 * vault: record a case through the form, analyse it (suggestion, disagreement,
 * category hint), move it to reviewed, see it in the statistics with a chart and a
 * table, export the figures, import historical cases, and print a panel pack.
 * The steps share one tab and run in order.
 */

let opened: HostedApp;
let app: AppPage;
let page: Page;

const heading = (name: string | RegExp, level = 1) => page.getByRole('heading', { name, level, exact: true });

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on the ${label} screen`).toEqual([]);
}

describe('child death reviews (CDOP) in the browser', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
    ({ app, page } = opened);
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('starts with an empty list offering to record or import', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Child deaths (CDOP)' }).click();
    await heading('No child death reviews yet', 2).waitFor();
    expect(await page.getByRole('button', { name: 'Record a notification' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Import historical cases' }).isVisible()).toBe(true);
    await wholeScreenshot(page, 'cdop-01-empty');
    await expectAccessible('empty case list');
  });

  it('records a notification: NHS number checked as typed, age and band derived from the dates', async () => {
    await page.getByRole('button', { name: 'Record a notification' }).click();
    await heading('Record a notification').waitFor();
    await page.getByLabel('Panel reference').fill('CDOP-2023-017');
    await page.getByLabel("Child's name").fill('Ava Example');
    const nhs = page.getByLabel('NHS number (optional)');
    await nhs.fill('943 476 5918');
    await page.getByText('the check digit does not match').waitFor();
    expect(await nhs.getAttribute('aria-invalid')).toBe('true');
    await wholeScreenshot(page, 'cdop-02-form-nhs-problem');
    await nhs.fill('943 476 5919');
    await expect.poll(() => page.getByText('the check digit does not match').count()).toBe(0);

    // Dates are typed day first whatever the browser's language; an impossible one is named, not guessed.
    const birth = page.getByLabel('Date of birth');
    await birth.fill('31/02/2023');
    await birth.blur();
    await page.getByText('31/02/2023 is not a real date').waitFor();
    await birth.fill('10/05/2023');
    await birth.blur();
    expect(await birth.inputValue()).toBe('10/05/2023');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Ethnicity (optional)').selectOption('White - British');
    await page.getByLabel('Home postcode (optional)').fill('ls6 2ab');
    // Exactly 28 days old: the second band, never typed.
    await page.getByLabel('Date of death').fill('2023-06-07');
    await page.getByLabel('Time of death (optional)').fill('03:40');
    await expect.poll(() => page.getByTestId('age-band').textContent()).toBe('28-364 days');
    expect(await page.getByTestId('age-at-death').textContent()).toBe('28 days');
    await page.getByLabel('Place of death (Form B)').selectOption('home');
    await page.getByLabel('Date notified to the panel').fill('2023-06-08');
    await page.getByRole('group', { name: 'Expected or unexpected' }).getByLabel('Unexpected').check();
    await page.getByRole('group', { name: 'Joint Agency Response held' }).getByLabel('Yes').check();
    await page.getByRole('group', { name: 'Post-mortem' }).getByLabel('Yes').check();
    await page.getByLabel('Summary of circumstances (optional)').fill('Found unresponsive in the morning.');
    await wholeScreenshot(page, 'cdop-03-form');
    await expectAccessible('case form');

    await page.getByRole('button', { name: 'Record the notification' }).click();
    await heading('Case CDOP-2023-017').waitFor();
    const summary = await page.getByRole('region', { name: 'Notification' }).locator('.summary').textContent();
    expect(summary).toContain('Age band (derived)28-364 days');
    expect(summary).toContain('943 476 5919');
    expect(summary).toContain('07/06/2023 at 03:40');
    expect(summary).toContain('Child death analysis form (revised April 2021)');
  });

  it('tracks agency reports and lists the case for a panel meeting', async () => {
    await page.getByLabel('Agency', { exact: true }).fill('GP practice');
    await page.getByLabel('Requested on').fill('2023-06-12');
    await page.getByRole('button', { name: 'Ask for a report' }).click();
    await page.getByText('Report requested from GP practice.').waitFor();
    // Due by the default 28 days unless given its own date; the pathway tests cover the rest.
    expect(await page.getByRole('article', { name: /GP practice/ }).textContent()).toContain(
      'Requested12/06/2023Due10/07/2023 (the default)',
    );
    await page.getByLabel('Meeting date').fill('2023-09-14');
    await page.getByRole('button', { name: 'List for this meeting' }).click();
    await page.getByText('Listed for the panel on 14/09/2023.').waitFor();
    await wholeScreenshot(page, 'cdop-04-record');
    await expectAccessible('case record');
  });

  it('analyses the case: a factor in every domain, the suggestion, then the disagreement warning', async () => {
    await page.getByRole('link', { name: 'Open the analysis form' }).click();
    await heading('Analysis form: case CDOP-2023-017').waitFor();
    expect(await page.locator('.form-version').textContent()).toContain(
      'Child death analysis form (revised April 2021)',
    );
    const factors: [domain: string, text: string, grade: string, modifiable: 'Yes' | 'No'][] = [
      ['A', 'Born at 35 weeks', '1', 'No'],
      ['B', 'Unsafe sleeping arrangement: co-sleeping on a sofa', '2', 'Yes'],
      ['C', 'Room temperature not known', '0', 'No'],
      ['D', 'Safer sleep advice given at the health visitor visit', '1', 'No'],
    ];
    for (const [domain, text, grade, modifiable] of factors) {
      await page.getByText(`Add a factor to domain ${domain}`, { exact: true }).click();
      const form = page.getByRole('form', { name: `Add a factor to domain ${domain}` });
      await form.getByLabel(`New factor in domain ${domain}: description`).fill(text);
      await form.getByRole('radio', { name: new RegExp(`^${grade}: `) }).check();
      await form.getByRole('group', { name: 'Modifiable' }).getByLabel(modifiable).check();
      await form.getByLabel('Linked evidence (optional)').fill(`Agency report ${domain}, p. 2`);
      await form.getByRole('button', { name: `Add factor to domain ${domain}` }).click();
      await page.getByText(`Factor added to domain ${domain}.`).waitFor();
    }
    expect(await page.locator('.factors li').count()).toBe(4);
    const suggestion = page.getByTestId('suggestion');
    expect(await suggestion.textContent()).toContain(
      'Modifiable factors identified: 1 factor graded 2 marked modifiable (B)',
    );
    expect(await page.getByTestId('disagreement').count()).toBe(0);

    // One save rule on the page: a choice is saved with its button, not as it changes.
    expect(await page.locator('.save-rule').textContent()).toContain('nothing is saved until you press it');
    await page.getByRole('radio', { name: 'No modifiable factors identified' }).check();
    await page.getByText('Changed: not saved until you press Save.').waitFor();
    expect(await page.getByTestId('disagreement').count()).toBe(0);
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.getByText('Outcome recorded: No modifiable factors identified.').waitFor();
    await page.getByTestId('disagreement').waitFor();
    expect(await page.getByTestId('disagreement').textContent()).toContain(
      'The panel recorded "No modifiable factors identified"',
    );
    // Warned, never overridden.
    expect(await page.getByRole('radio', { name: 'No modifiable factors identified' }).isChecked()).toBe(true);

    await page.getByLabel('Category', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Save category' }).click();
    await page.getByText('Category 3 recorded.').waitFor();
    await page.getByLabel('Referred for a safeguarding practice review (a serious case review before 2018)').check();
    await page.getByRole('button', { name: 'Save referral' }).click();
    await page.getByTestId('category-hint').waitFor();
    expect(await page.getByTestId('category-hint').textContent()).toContain('category 1');

    await page.getByLabel('New learning point').fill('Safer sleep messages reach fathers less often.');
    await page.getByRole('button', { name: 'Add learning point' }).click();
    await page.getByText('Learning point added.').waitFor();
    await page.getByLabel('Level').selectOption('regional');
    await page.getByLabel('Responsible agency').fill('ICB');
    await page.getByLabel('Recommendation', { exact: true }).fill('Include fathers in safer sleep advice.');
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    await page.getByText('Recommendation added.').waitFor();
    await wholeScreenshot(page, 'cdop-05-analysis');
    await expectAccessible('analysis form');
  });

  it('moves the case through the status steps to reviewed', async () => {
    await page.getByRole('link', { name: 'Back to the case' }).click();
    await heading('Case CDOP-2023-017').waitFor();
    await page.getByRole('button', { name: 'Move to information gathering' }).click();
    await page.getByRole('button', { name: 'Move to ready for panel' }).click();
    await page.getByLabel('Date the review was completed').fill('2023-09-14');
    await page.getByRole('button', { name: 'Move to reviewed' }).click();
    await page.getByText('Moved to reviewed.').waitFor();
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain('Reviewed');

    // The form version: a change is explained first, and refused while a factor does not fit the new form.
    await page.getByText('Change the analysis form version').click();
    const version = page.getByLabel('Analysis form version');
    await version.selectOption('form-c');
    const account = page.getByTestId('form-change-account');
    expect(await account.textContent()).toMatch(/is in domain A, which Form C: analysis proforma .* does not have/);
    expect(await account.getByRole('button').isDisabled()).toBe(true);
    await version.selectOption('analysis-form-2018');
    expect(await account.textContent()).toMatch(/keep their domains and grades/);
    await account.getByRole('button', { name: 'Change to Child death analysis form (2018)' }).click();
    await page.getByText('Analysis form changed to Child death analysis form (2018).').waitFor();
    await wholeScreenshot(page, 'cdop-06b-form-version');
  });

  it('imports historical cases with every problem listed by spreadsheet row', async () => {
    await page.getByRole('link', { name: 'Back to child deaths' }).click();
    await page.getByRole('button', { name: 'Import historical cases' }).click();
    await heading('Import historical cases').waitFor();
    const csv = [
      'Case Ref,DOB,Date of death,Gender,Ethnic group,Expected/Unexpected,Category of death,Modifiable factors,Date of notification,Review completed',
      'H-001,10/05/2022,07/06/2022,Male,White - British,unexpected,10,none,08/06/2022,14/09/2022',
      'H-002,29/02/2020,01/03/2021,M,,expected,Chronic medical condition,identified,02/03/2021,10/01/2022',
      'H-003,31/02/2015,01/03/2016,male,,expected,4,none,02/03/2016,',
    ].join('\r\n');
    await page.getByLabel('Spreadsheet (.csv or .xlsx)').setInputFiles({
      name: 'historic.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    // The same wizard as a chronology import: the preview lists every problem by spreadsheet row.
    await heading('Check the rows before importing', 2).waitFor();
    const problems = page.locator('.problems-table');
    // The column in words: the field it feeds, and the file's own header.
    expect(await problems.locator('tbody tr').first().textContent()).toMatch(
      /^4Date of birth \(column “DOB”\).*31\/02\/2015.*Error: row not imported$/,
    );
    expect(await page.getByRole('button', { name: /^Import all/ }).count()).toBe(0);
    expect(await page.locator('#import-all-why').textContent()).toContain('1 row has errors');
    await wholeScreenshot(page, 'cdop-06-import-preview');
    await expectAccessible('import preview');
    await page.getByRole('button', { name: 'Import the 2 valid rows and skip 1' }).click();
    await heading('Import finished', 2).waitFor();
    expect(await page.locator('.import-counts').textContent()).toContain('Imported2');
    expect(await page.locator('.import-counts').textContent()).toContain('Rows skipped1');
    // Cases have no duplicate detection: the wizard does not pretend to count any.
    expect(await page.locator('.import-counts').textContent()).not.toContain('Possible duplicates');
  });

  it('lists the cases with derived age bands and outstanding reports', async () => {
    await page.getByRole('link', { name: 'See the imported cases' }).click();
    await heading('Child deaths (CDOP)').waitFor();
    const rows = page.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toBe('CDOP-2023-01707/06/202328-364 days3Reviewed1 (GP practice)');
    await page.getByLabel('Status').selectOption('reviewed');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByLabel('Died on or after').fill('2023-01-01');
    await expect.poll(() => rows.count()).toBe(1);
    await wholeScreenshot(page, 'cdop-07-list');
    await expectAccessible('case list');
  });

  it('prints a panel meeting pack with what is outstanding', async () => {
    await page.getByRole('button', { name: 'Panel meeting pack' }).click();
    await heading('Panel meeting pack').waitFor();
    // The meeting is in the past, so it is not offered as the next one: choose its date.
    await page.getByLabel('Meeting date').fill('2023-09-14');
    await heading('Panel meeting on 14/09/2023', 2).waitFor();
    const pack = await page.locator('.pack-cases').textContent();
    expect(pack).toContain('CDOP-2023-017');
    expect(pack).toContain('GP practice');
    await wholeScreenshot(page, 'cdop-08-pack');
    await expectAccessible('panel pack');
  });

  it('shows the statistics with a drawn chart and the table beside it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statistics' }).click();
    await heading('Child death statistics').waitFor();
    // Opens on the latest financial year with a completed review, on the national basis.
    await expect.poll(() => page.getByLabel('Period', { exact: true }).inputValue()).toBe('2023');
    expect(await page.getByTestId('basis').textContent()).toMatch(
      /^Basis: reviews completed from 01\/04\/2023 to 31\/03\/2024/,
    );
    // Suppression is ticked by default and applies on screen: one death is withheld.
    await expect.poll(() => page.getByTestId('notified').textContent()).toBe('[c]');
    expect(await page.getByTestId('suppression').textContent()).toMatch(/the next smallest count is withheld too/);
    await page
      .getByLabel('Suppress small numbers (1 to 4 shown as [c]), on screen and in the export, for publication')
      .uncheck();
    await expect.poll(() => page.getByTestId('notified').textContent()).toBe('1');
    expect(await page.getByTestId('reviewed').textContent()).toBe('1');

    const byCategory = page.getByTestId('by-category');
    const row = byCategory.getByRole('row', { name: /^3\. Trauma/ });
    expect(await row.getByRole('cell').textContent()).toBe('1');
    expect(await byCategory.locator('tbody td').allTextContents()).toEqual([
      '0',
      '0',
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    const band = page.getByTestId('by-age-band').getByRole('row', { name: /^28-364 days/ });
    expect(await band.getByRole('cell').textContent()).toBe('1');
    // Every share names its denominator beside its chart.
    const modifiable = page.getByTestId('modifiable');
    expect(
      await modifiable
        .getByRole('row', { name: /^Modifiable factors identified/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['0', '0.0%']);
    expect(await modifiable.textContent()).toContain('Share: of all reviews completed in the period');
    const byBand = page.getByTestId('modifiable-by-age-band').getByRole('row', { name: /^28-364 days/ });
    expect(await byBand.getByRole('cell').allTextContents()).toEqual(['0', '1', '0.0%']);

    // The canvas has been drawn: count pixels that are not transparent.
    const canvas = byCategory.locator('canvas');
    await expect
      .poll(() =>
        canvas.evaluate((element) => {
          const c = element as HTMLCanvasElement;
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
          let drawn = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) drawn += 1;
          return drawn;
        }),
      )
      .toBeGreaterThan(500);
    expect(await canvas.getAttribute('aria-label')).toContain('3. Trauma and other external factors 1');
    // chart.js must not inject a stylesheet the strict CSP would refuse.
    expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(0);
    await page.getByTestId('trend').scrollIntoViewIfNeeded();
    await wholeScreenshot(page, 'cdop-09-statistics');
    await expectAccessible('statistics');
    // No CSP violation from the charts.
    expect(pageProblems(app)).toEqual([]);
  });

  it('exports every figure to XLSX, with small numbers suppressed on request', async () => {
    const checkbox = page.getByLabel(
      'Suppress small numbers (1 to 4 shown as [c]), on screen and in the export, for publication',
    );
    await checkbox.uncheck();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download every figure (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('casebook-cdop-statistics-2023-04-01-to-2024-03-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('By category');
    expect(workbook.getWorksheet('Summary')?.getCell('B6').value).toBe(1);
    const categories = workbook.getWorksheet('By category');
    expect(categories?.getCell('A8').value).toBe('3. Trauma and other external factors');
    expect(categories?.getCell('B8').value).toBe(1);
    expect(workbook.getWorksheet('Summary')?.headerFooter.oddHeader).toContain('OFFICIAL-SENSITIVE');

    await checkbox.check();
    const [suppressed] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download every figure (XLSX)' }).click(),
    ]);
    const hidden = new ExcelJS.Workbook();
    await hidden.xlsx.readFile(await suppressed.path());
    expect(hidden.getWorksheet('Summary')?.getCell('B6').value).toBe('[c]');
    // The workbook says its basis and the suppression rule it applied, and has the screen's five trend years.
    expect(hidden.getWorksheet('Summary')?.getCell('A2').value).toMatch(/^Basis: reviews completed/);
    expect(hidden.getWorksheet('Summary')?.getCell('A3').value).toMatch(/the next smallest count is withheld too/);
    expect(await page.getByTestId('trend').locator('tbody tr').count()).toBe(5);
    expect(
      hidden
        .getWorksheet('Trend')
        ?.getColumn(1)
        .values.filter((v) => /^\d{4}-\d{2}$/.test(String(v))),
    ).toHaveLength(5);
  });

  it('imports a file with unfamiliar headers by matching its columns, and remembers them for the next file', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Child deaths (CDOP)' }).click();
    await page.getByRole('button', { name: 'Import historical cases' }).click();
    await heading('Import historical cases').waitFor();
    const panelExport = (prefix: string) =>
      Buffer.from(
        [
          'Child ID,Born,Died,M/F,NHS,Reported to panel',
          `${prefix}-1,10/05/2015,07/06/2015,F,943 476 5919,08/06/2015`,
          `${prefix}-2,01/01/2014,02/02/2015,M,1234567890,03/02/2015`,
        ].join('\r\n'),
      );
    await page.getByLabel('Spreadsheet (.csv or .xlsx)').setInputFiles({
      name: 'panel-export.csv',
      mimeType: 'text/csv',
      buffer: panelExport('P'),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Match the columns', 2).waitFor();
    expect(await page.locator('.banner').first().textContent()).toContain(
      'Reference, Date of birth, Date of death, Sex and Date notified',
    );
    // The NHS number is found by its header; the rest are chosen by hand.
    expect(await page.getByLabel('NHS number').inputValue()).not.toBe('');
    await page.getByLabel('Reference (required)').selectOption({ label: 'Child ID' });
    await page.getByLabel('Date of birth (required)').selectOption({ label: 'Born' });
    await page.getByLabel('Date of death (required)').selectOption({ label: 'Died' });
    await page.getByLabel('Sex (required)').selectOption({ label: 'M/F' });
    await page.getByLabel('Date notified (required)').selectOption({ label: 'Reported to panel' });
    await expectAccessible('import: CDOP column mapping');
    await page.getByRole('button', { name: 'Use these columns' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    // The check digit is checked as on the case form.
    expect(await page.locator('.problems-table tbody tr').first().textContent()).toMatch(
      /^3NHS.*not a valid NHS number.*Error: row not imported$/,
    );
    await page.getByRole('button', { name: 'Import the 1 valid row and skip 1' }).click();
    await heading('Import finished', 2).waitFor();
    await page.getByRole('button', { name: 'Back to child deaths' }).click();
    await heading('Child deaths (CDOP)').waitFor();

    // The next file from the same system: its columns are remembered.
    await page.getByRole('button', { name: 'Import historical cases' }).click();
    await page.getByLabel('Spreadsheet (.csv or .xlsx)').setInputFiles({
      name: 'panel-export-2.csv',
      mimeType: 'text/csv',
      buffer: panelExport('Q'),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await heading('Check the rows before importing', 2).waitFor();
    expect(await page.locator('.columns-used-list').textContent()).toContain('Remembered from the last import');
    await page.getByRole('button', { name: 'Change the columns' }).click();
    await heading('Match the columns', 2).waitFor();
    expect(await page.locator('.mapping-table').textContent()).toContain('Remembered from the last import');
  });
});
