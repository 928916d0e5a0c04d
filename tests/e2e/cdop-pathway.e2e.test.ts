import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/cdop/dates.js';
import { type AppPage, accessibilityViolations, pageProblems, SCREENSHOT_DIR } from './support/browser.js';
import { type HostedApp, openOnNewVault } from './support/hosted-app.js';

/**
 * The child death review pathway in the browser, through the real web host and a
 * real encrypted vault: agency forms asked for, overdue, chased, received and
 * read by domain; the Joint Agency Response; the review meeting; the work list;
 * and the two thresholds changed on Settings. Steps share one tab, in order.
 * Overdue is judged against the real today, so the dates are relative to it.
 */

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => addDays(today, -days);
const uk = (iso: string) => iso.split('-').reverse().join('/');

let opened: HostedApp | undefined;
let app: AppPage;
let page: Page;

const heading = (name: string | RegExp, level = 1) => page.getByRole('heading', { name, level, exact: true });

/** What a 1366x850 laptop screen shows, from `top` (only the content pane scrolls, so a full-page picture is blank below). */
async function screenshot(top: string, name: string): Promise<void> {
  await page.getByRole('heading', { name: top, exact: true }).evaluate((element) => {
    element.scrollIntoView();
    window.scrollTo(0, 0);
  });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

async function expectAccessible(label: string) {
  expect(await accessibilityViolations(page), `axe violations on the ${label} screen`).toEqual([]);
}

describe('the child death review pathway in the browser', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
    ({ app, page } = opened);
    await page.setViewportSize({ width: 1366, height: 850 });
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('records an unexpected death and shows its empty pathway', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Child deaths (CDOP)' }).click();
    await page.getByRole('button', { name: 'Record a notification' }).click();
    await heading('Record a notification').waitFor();
    await page.getByLabel('Panel reference').fill('CDOP-P-101');
    await page.getByLabel("Child's name").fill('Noah Example');
    await page.getByLabel('Date of birth').fill(daysAgo(400));
    await page.getByLabel('Sex').selectOption('male');
    await page.getByLabel('Date of death').fill(daysAgo(60));
    await page.getByLabel('Date notified to the panel').fill(daysAgo(59));
    await page.getByRole('group', { name: 'Expected or unexpected' }).getByLabel('Unexpected').check();
    await page.getByRole('button', { name: 'Record the notification' }).click();
    await heading('Case CDOP-P-101').waitFor();

    const pathway = page.getByRole('region', { name: 'Pathway to the panel' });
    await pathway.getByText('No agency has been asked for a reporting form yet.').waitFor();
    expect(await pathway.textContent()).toContain('No Joint Agency Response recorded.');
    expect(await pathway.textContent()).toContain('No review meeting recorded yet.');
  });

  it('asks agencies for forms: due by the default, overdue derived, chased, received by keyboard', async () => {
    for (const [agency, requested] of [
      ['GP practice', daysAgo(40)],
      ['School', daysAgo(5)],
    ] as const) {
      await page.getByLabel('Agency', { exact: true }).fill(agency);
      await page.getByLabel('Requested on').fill(requested);
      await page.getByRole('button', { name: 'Ask for a report' }).click();
      await page.getByText(`Report requested from ${agency}.`).waitFor();
    }
    const gp = page.getByRole('article', { name: /GP practice/ });
    await gp.getByText('Overdue by 12 days').waitFor();
    expect(await gp.textContent()).toContain(`Due${uk(daysAgo(12))} (the default)`);
    const school = page.getByRole('article', { name: /School/ });
    expect(await school.textContent()).toContain('Awaited');

    await gp.getByLabel('Date chased').fill(daysAgo(1));
    await gp.getByLabel('By whom and how').fill('CDOP manager, by phone');
    await gp.getByLabel('Note (optional)').fill('Promised by Friday');
    await gp.getByRole('button', { name: 'Note the chase' }).click();
    await page.getByText('Chase of GP practice noted.').waitFor();
    expect(await gp.locator('.chases').textContent()).toContain(
      `${uk(daysAgo(1))}, CDOP manager, by phone: Promised by Friday`,
    );

    // What the form says, per domain of the case's 2018 analysis form, opened and saved from the keyboard.
    await gp.locator('summary').focus();
    await page.keyboard.press('Enter');
    await gp.getByLabel("The agency's involvement").fill('Registered since birth; seen twice in the last month.');
    await gp.getByLabel(/^Factors it notes: A\./).fill('Asthma, under review.');
    await gp.getByRole('button', { name: 'Save what the form says' }).press('Enter');
    await page.getByText("What GP practice's form says is saved.").waitFor();

    // Received, from the keyboard: the date, Tab to the button, Enter.
    await school.getByLabel('Date received from School').fill(uk(today));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Report from School recorded as received.').waitFor();
    await school.getByText(`Received ${uk(today)}`).waitFor();
  });

  it('records the Joint Agency Response and the Child Death Review Meeting', async () => {
    await page.getByLabel('Date of the Joint Agency Response').fill(daysAgo(60));
    await page.getByLabel('Lead professionals (optional)').fill('Dr A (paediatrician), DS B (police)');
    await page.getByLabel('Home visit').selectOption('yes');
    await page.getByRole('button', { name: 'Record the Joint Agency Response' }).click();
    await page.getByText('Joint Agency Response saved.').waitFor();
    const jar = page.getByRole('region', { name: 'Joint Agency Response' });
    expect(await jar.locator('dl').textContent()).toBe(
      `Held on${uk(daysAgo(60))}Lead professionalsDr A (paediatrician), DS B (police)Home visitYes`,
    );

    await page.getByLabel('Date of the review meeting').fill(daysAgo(3));
    await page.getByRole('button', { name: 'Add an attendee' }).click();
    await page.getByLabel('Role of attendee 1').fill('Designated doctor for child deaths');
    await page.getByLabel('Name of attendee 1 (optional)').fill('Dr C');
    await page.getByRole('button', { name: 'Add an attendee' }).click();
    await page.getByLabel('Role of attendee 2').fill('Police');
    await page.getByLabel('Outcome (optional)').fill('Ready for the panel once the GP form is in.');
    await page.getByRole('button', { name: 'Record the review meeting' }).click();
    await page.getByText('Child Death Review Meeting saved.').waitFor();
    await page.getByText(`Held on ${uk(daysAgo(3))} with 2 attendees.`).waitFor();

    await page.getByLabel('Meeting date').fill(addDays(today, 14));
    await page.getByRole('button', { name: 'List for this meeting' }).click();
    await page.getByText(`Listed for the panel on ${uk(addDays(today, 14))}.`).waitFor();
    await screenshot('Pathway to the panel', 'cdop-pathway-01-forms');
    await screenshot('Joint Agency Response', 'cdop-pathway-02-jar-meeting');
    await expectAccessible('case record with its pathway');
  });

  it('shows the work list: the overdue form, the case waiting on it and the next panel', async () => {
    await page.getByRole('link', { name: 'Back to child deaths' }).click();
    await page.getByRole('button', { name: 'Work list' }).click();
    await heading('Work list').waitFor();
    const overdue = page.getByRole('region', { name: /Overdue forms/ });
    await expect
      .poll(() => overdue.locator('tbody tr').first().textContent())
      .toBe(`CDOP-P-101GP practice${uk(daysAgo(40))}${uk(daysAgo(12))}12 days`);
    expect(await page.getByRole('region', { name: /Cases waiting on forms/ }).textContent()).toContain(
      `GP practice, due ${uk(daysAgo(12))} (overdue by 12 days)`,
    );
    expect(await page.getByRole('region', { name: /Open longer than 180 days/ }).textContent()).toContain(
      'No open case has been open that long.',
    );
    const next = page.getByRole('region', { name: /^Next panel: / });
    await next.waitFor();
    expect(await next.textContent()).toMatch(/CDOP-P-101: \d+ things outstanding/);
    await screenshot('Work list', 'cdop-pathway-03-work-list');
    await expectAccessible('work list');
  });

  it('follows the thresholds set on Settings', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const due = page.getByLabel('Agency forms are due after (days)');
    await expect.poll(() => due.inputValue()).toBe('28');
    await due.fill('0');
    await page.getByText('Enter a whole number of days from 1 to 365.').waitFor();
    await due.fill('45');
    await page.getByLabel('Work list: cases open longer than (days)').fill('30');
    await page.getByRole('button', { name: 'Save child death settings' }).click();
    await page.getByText('Child death settings saved.').waitFor();
    await expectAccessible('settings');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Child deaths (CDOP)' }).click();
    await page.getByRole('button', { name: 'Work list' }).click();
    await page.getByRole('heading', { name: 'Overdue forms (0)' }).waitFor();
    await page.getByRole('heading', { name: 'Open longer than 30 days (1)' }).waitFor();
    expect(await page.getByRole('region', { name: /Open longer than/ }).textContent()).toContain('59 days');
    expect(pageProblems(app)).toEqual([]);
  });
});
