import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../db/vault.js';
import { formatIsoUk } from '../../shared/dates/fuzzy-date.js';
import { todayIso } from '../../shared/dates/iso-date.js';
import {
  type AppPage,
  accessibilityViolations,
  pageProblems,
  reloadUnlocked,
  wholeScreenshot,
} from './support/browser.js';
import { REPO_ROOT } from './support/host.js';
import { type HostedApp, openOnVault, PASSPHRASE } from './support/hosted-app.js';
import { type SeededVault, seededVault } from './support/seeded-vault.js';

/**
 * The modifiable-factor analysis in real Chromium through the real web host: a
 * chain built with the forms from a chronology entry to an action, the
 * traceability check, an action overdue by its date, the Actions board's filters
 * and its XLSX plan; then the same for a child death's factors. One tab, in order.
 */

const HEALTH_VISITING = join(REPO_ROOT, 'tests/fixtures/import/health-visiting-excel-utf8.csv');
const EPISODE = 'The missed 6-8 week review';
const modifier = process.platform === 'darwin' ? 'Meta' : 'Control';

let seeded: SeededVault;
let opened: HostedApp;
let reviewId: string;
let caseId: string;
let app: AppPage;
let page: Page;

function yesterday(): string {
  const date = new Date();
  date.setDate(date.getDate() - 1);
  return todayIso(date);
}

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on the ${label}`).toEqual([]);
}

const form = (name: string) => page.getByRole('form', { name, exact: true });

/** An add form of the analysis, unfolded (they are folded away until wanted). */
async function addForm(name: string) {
  const details = page.locator('details.add-item').filter({ has: page.locator('summary', { hasText: name }) });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
  return form(name);
}
/** A link's checkbox shows the saved link: it is ticked once the main process has answered. */
const item = (text: string) => page.locator('li.item').filter({ has: page.locator('.item-title', { hasText: text }) });

async function runCheck(): Promise<string> {
  await page.getByRole('button', { name: 'Run the check' }).click();
  const result = page.locator('.trace-check [role="status"]');
  await result.waitFor();
  await page.waitForTimeout(300);
  return (await result.textContent()) ?? '';
}

describe('the modifiable-factor analysis in the browser', () => {
  beforeAll(async () => {
    seeded = await seededVault('analysis', {
      review: { title: 'Child H', type: 'cspr' },
      imports: [{ agency: 'Health visiting', file: HEALTH_VISITING }],
    });
    const { directory, vaultPath, casebook } = seeded;
    reviewId = seeded.reviewId;
    // A key practice episode to write the account of (made on the timeline in the app).
    const episodes = join(directory, 'episodes.json');
    const [first] = casebook(['chronology', 'list', '--review', reviewId]) as { id: string }[];
    await writeFile(
      episodes,
      JSON.stringify({ episodes: [{ id: 'episode-1', title: EPISODE, entryIds: first ? [first.id] : [] }] }),
    );
    casebook(['analysis', 'import', '--review', reviewId, episodes]);
    const cases = join(directory, 'cases.csv');
    await writeFile(
      cases,
      "Reference,Child's name,Date of birth,Date of death,Sex,Date notified\r\nCDOP-E2E-1,Generated child,10/05/2023,07/06/2023,Female,08/06/2023\r\n",
    );
    casebook(['cdop', 'import', cases]);
    const vault = await Vault.unlock(vaultPath, { passphrase: PASSPHRASE }, { readOnly: true });
    caseId = (vault.database.prepare('SELECT id FROM cdop_case').get() as { id: string }).id;
    vault.close();

    opened = await openOnVault(vaultPath);
    ({ app, page } = opened);
    await page.setViewportSize({ width: 1366, height: 850 });
  }, 180_000);

  afterAll(async () => {
    await opened?.stop();
    await seeded?.remove();
  });

  it("writes an episode's account as formatted text and sees it back, bold, after a reload", async () => {
    const openAnalysis = async () => {
      await page.evaluate((id) => {
        window.location.hash = `#/reviews/${id}/analysis`;
      }, reviewId);
      await page.getByRole('heading', { name: 'Key practice episodes', level: 2 }).waitFor();
    };
    const account = () => form(`Account of ${EPISODE}`);
    const wentWell = () => account().getByRole('textbox', { name: `What went well: ${EPISODE}` });
    await openAnalysis();
    await wentWell().click();
    await page.keyboard.type('The health visitor ');
    await page.keyboard.press(`${modifier}+b`);
    await page.keyboard.type('phoned');
    await page.keyboard.press(`${modifier}+b`);
    await page.keyboard.type(' the same day.');
    await account()
      .getByRole('button', { name: /^Save account/ })
      .click();
    await page.getByText(`Account of "${EPISODE}" saved.`).waitFor();

    await reloadUnlocked(page, PASSPHRASE);
    await openAnalysis();
    await wentWell().locator('strong, b').first().waitFor();
    expect(await wentWell().textContent()).toBe('The health visitor phoned the same day.');
    expect(await wentWell().locator('strong, b').first().textContent()).toBe('phoned');
    // The vault holds it as formatted text, as the report will print it.
    const exported = seeded.casebook(['analysis', 'export', '--review', reviewId]) as {
      episodes: { title: string; wentWell: unknown }[];
    };
    expect(exported.episodes.find((one) => one.title === EPISODE)?.wentWell).toEqual([
      {
        type: 'paragraph',
        content: [{ text: 'The health visitor ' }, { text: 'phoned', bold: true }, { text: ' the same day.' }],
      },
    ]);
  });

  it('builds a chain from a chronology entry to an action with the forms', async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/reviews/${id}/analysis`;
    }, reviewId);
    await page.getByRole('tab', { name: 'Analysis', selected: true }).waitFor();
    await page.getByRole('heading', { name: 'Contributory factors', level: 2 }).waitFor();

    const factorForm = await addForm('Add a contributory factor');
    await factorForm
      .getByLabel('Factor', { exact: true })
      .fill('Explanation of a missed review accepted without a home visit');
    await factorForm.getByLabel(/^Level/).selectOption({ label: 'Team' });
    await factorForm.getByLabel('Modifiable').check();
    await factorForm.getByLabel('Agencies concerned').fill('Health visiting');
    await factorForm.getByRole('button', { name: 'Add factor' }).click();
    const factor = item('Explanation of a missed review');
    await factor.waitFor();
    expect(await factor.locator('.item-meta').first().textContent()).toBe('Team · Modifiable · Health visiting');

    // Evidence: a chronology entry, picked from the list.
    const evidence = factor.getByLabel('Link evidence');
    const entry = await evidence
      .locator('option', { hasText: /cancel the 6-8 week review/ })
      .first()
      .textContent();
    await evidence.selectOption({ label: entry ?? '' });
    await factor.getByRole('button', { name: 'Link', exact: true }).click();
    await factor.getByRole('button', { name: /^Unlink/ }).waitFor();

    const findingForm = await addForm('Add a finding');
    await findingForm
      .getByLabel('Finding', { exact: true })
      .fill('Missed contacts are not followed up when the parent reassures');
    await findingForm.getByLabel('Underlying pattern (SCIE)').selectOption('family-professional');
    await findingForm.getByLabel('How it showed in this case').fill('The review was rebooked by letter only.');
    await findingForm.getByLabel('Why it matters').fill('Missed contacts are often the first sign.');
    await findingForm.getByRole('button', { name: 'Add finding' }).click();
    const finding = item('Missed contacts are not followed up');
    await finding.waitFor();

    // The check before the finding has its factor: the gap links to the finding.
    expect(await runCheck()).toMatch(/Finding without evidence/);
    await page
      .locator('.trace-check')
      .getByRole('button', { name: /Missed contacts are not followed up/ })
      .click();
    await expect.poll(() => finding.evaluate((node) => node === document.activeElement)).toBe(true);

    await finding.getByLabel('Explanation of a missed review accepted without a home visit').click();
    await expect
      .poll(() => finding.getByLabel('Explanation of a missed review accepted without a home visit').isChecked())
      .toBe(true);

    const recommendationForm = await addForm('Add a recommendation');
    await recommendationForm
      .getByLabel('Recommendation', { exact: true })
      .fill('Health visiting to follow up every missed contact');
    await recommendationForm.getByLabel('Agency', { exact: true }).fill('Health visiting');
    await recommendationForm.getByRole('button', { name: 'Add recommendation' }).click();
    const recommendation = item('Health visiting to follow up every missed contact');
    await recommendation.waitFor();
    await recommendation.getByLabel('Missed contacts are not followed up when the parent reassures').click();
    await expect.poll(() => recommendation.getByLabel(/Missed contacts are not followed up/).isChecked()).toBe(true);

    const actionForm = await addForm('Add an action');
    await actionForm
      .getByLabel('For the recommendation')
      .selectOption({ label: 'Health visiting to follow up every missed contact' });
    await actionForm.getByLabel('Action', { exact: true }).fill('Re-audit missed contacts');
    await actionForm.getByLabel('Owner agency').fill('Health visiting');
    await actionForm.getByLabel('Owner role').fill('Named nurse');
    await actionForm.getByLabel('Due date').fill(formatIsoUk(yesterday()));
    await actionForm.getByLabel('Outcome measure').fill('Nine in ten missed contacts followed up within a week');
    await actionForm.getByRole('button', { name: 'Add action' }).click();
    const action = item('Re-audit missed contacts');
    await action.waitFor();
    // Overdue from its date, worked out today.
    await action.locator('.tag.overdue', { hasText: 'Overdue' }).waitFor();
    expect(await action.getByLabel('Health visiting to follow up every missed contact').isChecked()).toBe(true);

    expect(await runCheck()).toMatch(/No gaps: the chain is complete/);
    await wholeScreenshot(page, 'analysis-01-review-forms');
    await expectAccessible('analysis forms');
  });

  it('lists the action on the board, filters it by agency, owner, status and overdue, and exports the plan', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { name: 'Actions across every review and child death', level: 1 }).waitFor();
    const rows = page.locator('.board-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(
      /Re-audit missed contacts.*Child H.*Health visiting.*Overdue.*Not started/,
    );

    await page.getByLabel('Overdue only').check();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Agency', { exact: true }).fill('Police');
    await page.getByText('No actions match.').waitFor();
    await page.getByLabel('Agency', { exact: true }).fill('health visiting');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Owner role').fill('nurse');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Status').selectOption('completed');
    await page.getByText('No actions match.').waitFor();
    await page.getByLabel('Status').selectOption('not-started');
    await expect.poll(() => rows.count()).toBe(1);
    await wholeScreenshot(page, 'analysis-02-action-board');
    await expectAccessible('action board');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export action plan (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`action-plan-${todayIso()}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path()) ?? '')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Action plan');
    expect(sheet?.getRow(3).getCell(3).value).toBe('Re-audit missed contacts');
    expect(sheet?.getRow(3).getCell(8).value).toBe('Overdue');
    expect(workbook.description).toMatch(/audit/i);
  });

  it("analyses a child death's factors in the same model: form factor, finding, recommendation, action, check", async () => {
    await page.evaluate((id) => {
      window.location.hash = `#/cdop/${id}/analysis`;
    }, caseId);
    await page.getByRole('heading', { name: /Analysis form: case CDOP-E2E-1/, level: 1 }).waitFor();
    await page.getByText('Add a factor to domain C', { exact: true }).click();
    const domain = form('Add a factor to domain C');
    await domain.getByLabel('New factor in domain C: description').fill('Unsafe sleeping arrangement');
    await domain.getByRole('radio', { name: /^2: / }).check();
    await domain.getByRole('group', { name: 'Modifiable' }).getByLabel('Yes').check();
    await domain.getByLabel('Linked evidence (optional)').fill('Police report p. 3');
    await domain.getByRole('button', { name: 'Add factor to domain C' }).click();
    await page.getByText('Factor added to domain C.').waitFor();

    await page.getByRole('link', { name: 'Findings, recommendations and actions' }).click();
    await page.getByRole('heading', { name: 'Findings and actions: case CDOP-E2E-1', level: 1 }).waitFor();
    const factor = item('Unsafe sleeping arrangement');
    await factor.waitFor();
    expect(await factor.textContent()).toMatch(/Domain C: Factors in the physical environment, grade 2 · Modifiable/);
    expect(await factor.textContent()).toMatch(/Found in: Police report p. 3/);

    const findingForm = await addForm('Add a finding');
    await findingForm.getByLabel('Finding', { exact: true }).fill('Safer sleep advice is not repeated after birth');
    await findingForm.getByRole('button', { name: 'Add finding' }).click();
    const finding = item('Safer sleep advice is not repeated');
    await finding.waitFor();
    await finding.getByLabel('Unsafe sleeping arrangement').click();
    await expect.poll(() => finding.getByLabel('Unsafe sleeping arrangement').isChecked()).toBe(true);

    const recommendationForm = await addForm('Add a recommendation');
    await recommendationForm
      .getByLabel('Recommendation', { exact: true })
      .fill('Repeat safer sleep advice at every contact');
    await recommendationForm.getByLabel('Agency', { exact: true }).fill('Public health');
    await recommendationForm.getByLabel('Level').selectOption('local');
    await recommendationForm.getByRole('button', { name: 'Add recommendation' }).click();
    const recommendation = item('Repeat safer sleep advice');
    await recommendation.waitFor();

    const actionForm = await addForm('Add an action');
    await actionForm
      .getByLabel('For the recommendation')
      .selectOption({ label: 'Repeat safer sleep advice at every contact' });
    await actionForm.getByLabel('Action', { exact: true }).fill('Safer sleep campaign');
    await actionForm.getByRole('button', { name: 'Add action' }).click();
    await item('Safer sleep campaign').waitFor();

    const gaps = await runCheck();
    expect(gaps).toMatch(/Recommendation without a finding: Repeat safer sleep advice/);
    expect(gaps).toMatch(/Action without an owner: Safer sleep campaign/);
    expect(gaps).not.toMatch(/Finding without evidence/);
    await recommendation.getByLabel('Safer sleep advice is not repeated after birth').click();
    await expect.poll(async () => (await runCheck()).includes('Recommendation without a finding')).toBe(false);
    // Editing the action closes the last gaps.
    const action = item('Safer sleep campaign');
    await action.getByRole('button', { name: 'Edit action Safer sleep campaign' }).click();
    const edit = form('Edit action');
    await edit.getByLabel('Owner agency').fill('Public health');
    await edit.getByLabel('Due date').fill('31/03/2099');
    await edit.getByLabel('Status').selectOption('in-progress');
    await edit.getByLabel('Outcome measure').fill('Fewer unsafe sleep deaths');
    await edit.getByRole('button', { name: 'Save action' }).click();
    await action.getByText(/In progress · Owner: Public health · Due: 31\/03\/2099/).waitFor();
    expect(await runCheck()).toMatch(/No gaps: the chain is complete/);
    await wholeScreenshot(page, 'analysis-03-child-death');
    await expectAccessible('child death analysis');

    // The recommendation is the case's: the analysis form lists it.
    await page.getByRole('link', { name: 'Analysis form' }).click();
    await page.getByText('Repeat safer sleep advice at every contact', { exact: true }).waitFor();
    // The web host's CSP meta tag warns about frame-ancestors (the header carries it); nothing else may be logged.
    expect(pageProblems(app)).toEqual([]);
  });
});
