import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppPage,
  accessibilityViolations,
  openApp,
  REVIEWER_NAME,
  reloadUnlocked,
  screenshot,
} from './support/browser.js';
import type { RunningHost } from './support/host.js';
import { type HostedApp, openHostedApp } from './support/hosted-app.js';

/**
 * The foundation, end to end through the real web host: create a vault, keep the
 * recovery key, move around the frame, lock, refuse a wrong passphrase, unlock
 * with the passphrase and with the recovery key, change the passphrase, re-key.
 * The steps share one browser tab and run in order.
 */

const WEAK = 'password1234';
const STRONG = 'Heron quietly folds marble Tuesday 47';
const NEXT = 'Lantern orchard copper Friday violin 92';
const RECOVERY_KEY_FORMAT = /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/;

let opened: HostedApp;
let host: RunningHost;
let browser: Browser;
let app: AppPage;
let page: Page;
let recoveryKey = '';

function heading(name: string, level = 1) {
  return page.getByRole('heading', { name, level, exact: true });
}

async function expectAccessible(label: string) {
  const violations = await accessibilityViolations(page);
  expect(violations, `axe violations on the ${label} screen`).toEqual([]);
}

async function isFocused(locator: ReturnType<Page['locator']>): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

describe('foundation: vault, lock and frame in the browser', () => {
  beforeAll(async () => {
    opened = await openHostedApp();
    ({ host, browser, app, page } = opened);
  });

  afterAll(async () => {
    await opened?.stop();
  });

  it('opens on the create screen, with the token out of the address bar', async () => {
    await heading('Create your Casebook vault').waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.locator('.vault-path').textContent()).toContain(host.vaultPath);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('casebook.token'))).toBe(host.token);
    await screenshot(page, '01-create');
    await expectAccessible('create');
  });

  it('asks for the reviewer’s name first: the audit log records it', async () => {
    expect(await page.locator('.why-disabled').textContent()).toContain('Enter your name');
    expect(await page.getByRole('button', { name: 'Create vault' }).isDisabled()).toBe(true);
    await page.getByLabel('Your name', { exact: true }).fill(REVIEWER_NAME);
  });

  it('refuses a weak passphrase and says why', async () => {
    await page.getByLabel('New passphrase', { exact: true }).fill(WEAK);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(WEAK);
    const strength = page.locator('.strength');
    await expect.poll(() => strength.textContent()).toMatch(/Strength: (Very weak|Weak|Fair)/);
    expect(await strength.textContent()).toContain('not strong enough');
    expect(await page.locator('.strength-feedback li').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Create vault' }).isDisabled()).toBe(true);
    expect(await page.locator('.why-disabled').textContent()).toContain('not strong enough');
    await screenshot(page, '02-create-weak');
  });

  it('asks for matching passphrases, then creates the vault and shows the recovery key', async () => {
    await page.getByLabel('New passphrase', { exact: true }).fill(STRONG);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(`${STRONG}x`);
    await expect
      .poll(() => page.locator('.strength').textContent())
      .toMatch(/Strength: (Strong|Very strong) \(acceptable\)/);
    expect(await page.locator('.why-disabled').textContent()).toContain('do not match');
    expect(await page.getByRole('button', { name: 'Create vault' }).isDisabled()).toBe(true);

    await page.getByLabel('Confirm passphrase', { exact: true }).fill(STRONG);
    await screenshot(page, '03-create-strong');
    const create = page.getByRole('button', { name: 'Create vault' });
    expect(await create.isEnabled()).toBe(true);
    await create.click();

    await heading('Your recovery key').waitFor();
    recoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
    expect(recoveryKey).toMatch(RECOVERY_KEY_FORMAT);
    const proceed = page.getByRole('button', { name: 'Continue' });
    expect(await proceed.isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Copy recovery key' }).click();
    await page.getByText('Recovery key copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryKey);

    await screenshot(page, '04-recovery-key');
    await expectAccessible('recovery key');
    await page.getByLabel('I have stored the recovery key somewhere safe, away from this laptop').check();
    expect(await proceed.isEnabled()).toBe(true);
    await proceed.click();
  });

  it('lands in the frame with the marking, navigation and a Lock button', async () => {
    await heading('Reviews').waitFor();
    expect(page.url()).toMatch(/#\/reviews$/);
    expect(await page.getByRole('banner').textContent()).toContain('OFFICIAL-SENSITIVE');
    expect(await page.getByRole('banner').textContent()).toContain('Casebook');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Reviews',
      'Child deaths (CDOP)',
      'Actions',
      'Statistics',
      'Settings',
    ]);
    await heading('No reviews yet', 2).waitFor();
    await screenshot(page, '05-frame-reviews');
    await expectAccessible('frame');
  });

  it('shows each section with its heading and an honest empty state', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    const sections: [link: string, title: string, empty: string | null][] = [
      ['Child deaths (CDOP)', 'Child deaths (CDOP)', 'No child death reviews yet'],
      ['Statistics', 'Statistics', 'No statistics yet'],
      ['Settings', 'Settings', null],
      ['Reviews', 'Reviews', 'No reviews yet'],
    ];
    for (const [link, title, empty] of sections) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await heading(title).waitFor();
      expect(await nav.getByRole('link', { name: link, exact: true }).getAttribute('aria-current')).toBe('page');
      if (empty) await heading(empty, 2).waitFor();
    }
    // The keyboard reaches the navigation too.
    await nav.getByRole('link', { name: 'Statistics', exact: true }).focus();
    await page.keyboard.press('Enter');
    await heading('Statistics').waitFor();
    await screenshot(page, '06-frame-statistics');
  });

  it('saves settings, checks the audit log and lists recent activity', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await heading('Settings').waitFor();
    const name = page.getByLabel('Reviewer name');
    await expect.poll(() => name.isEnabled()).toBe(true);
    // The name given when the vault was created, not the operating-system account.
    await expect.poll(() => name.inputValue()).toBe(REVIEWER_NAME);
    await name.fill('A. Reviewer');
    await page.getByLabel('Auto-lock after (minutes)').fill('15');
    // What the Word exports print: the marking starts at the usual one.
    const marking = page.getByLabel('Protective marking');
    expect(await marking.inputValue()).toBe('OFFICIAL-SENSITIVE');
    await marking.fill('OFFICIAL');
    await page.getByLabel('Safeguarding partnership or board').fill('Northshire Safeguarding Children Partnership');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();

    // Saved in the vault: a reload reads them back.
    await reloadUnlocked(page, STRONG);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await heading('Settings').waitFor();
    await expect.poll(() => page.getByLabel('Protective marking').inputValue()).toBe('OFFICIAL');
    expect(await page.getByLabel('Safeguarding partnership or board').inputValue()).toBe(
      'Northshire Safeguarding Children Partnership',
    );

    await page.getByRole('button', { name: 'Check audit log' }).click();
    await page.getByText(/Audit log intact: \d+ entr(y|ies)\./).waitFor();

    const recent = page.getByRole('table', { name: 'Recent activity in the audit log' });
    const rows = recent.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await recent.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    // What happened, in words, by whom: no table names or ids.
    const activity = await rows.allTextContents();
    expect(activity.at(-1)).toContain(`${REVIEWER_NAME}Vault created`);
    await expect
      .poll(async () => (await rows.first().textContent()) ?? '')
      // Recorded as the person who made the change, by the name they had when they made it.
      .toContain(`${REVIEWER_NAME}Settings changed: reviewer name, idle lock minutes`);
    expect(activity.join('\n')).not.toMatch(/_|settings updated|vault created/);
    // Only the content pane scrolls, so a tall window shows the whole of Settings at once.
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    await screenshot(page, '07-settings');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible('settings');
  });

  it('keeps the vault encrypted on disk', async () => {
    const head = await readFile(host.vaultPath);
    expect(head.length).toBeGreaterThan(0);
    expect(head.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(head.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('locks, refuses a wrong passphrase and keeps the field focused', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await heading('Unlock Casebook').waitFor();
    const passphrase = page.getByLabel('Passphrase', { exact: true });
    expect(await isFocused(passphrase)).toBe(true);
    await screenshot(page, '08-unlock');
    await expectAccessible('unlock');

    await passphrase.fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/wrong passphrase or recovery key/i);
    await expect.poll(() => isFocused(passphrase)).toBe(true);
    expect(await passphrase.inputValue()).toBe('not the passphrase at all');
    await screenshot(page, '09-unlock-wrong');
    await expectAccessible('unlock with an error');
  });

  it('unlocks with the right passphrase, back where the person was', async () => {
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading('Settings').waitFor();
    expect(page.url()).toMatch(/#\/settings$/);
    expect(await page.getByRole('region', { name: 'Set a new passphrase' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
    await heading('Reviews').waitFor();
  });

  it('unlocks with the recovery key and asks for a new passphrase', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await heading('Unlock Casebook').waitFor();
    await page.getByRole('button', { name: 'Use recovery key instead' }).click();
    const keyField = page.getByLabel('Recovery key', { exact: true });
    await expect.poll(() => isFocused(keyField)).toBe(true);
    // People type keys in lower case and without dashes: that must still work.
    await keyField.fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
    await screenshot(page, '10-unlock-recovery-key');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading('Reviews').waitFor();

    const banner = page.getByRole('region', { name: 'Set a new passphrase' });
    await banner.waitFor();
    await screenshot(page, '11-frame-recovery-banner');
    await expectAccessible('frame with the recovery banner');
    await banner.getByRole('link').click();
    await heading('Settings').waitFor();

    const change = page.getByRole('region', { name: 'Change passphrase' });
    await change.getByLabel('Current passphrase or recovery key', { exact: true }).fill(recoveryKey);
    await change.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    await change.getByLabel('Confirm new passphrase', { exact: true }).fill(NEXT);
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText(/Passphrase changed\./).waitFor();
    await expect.poll(() => banner.count()).toBe(0);
  });

  it('unlocks with the new passphrase only', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await heading('Unlock Casebook').waitFor();
    const passphrase = page.getByLabel('Passphrase', { exact: true });
    await passphrase.fill(STRONG);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /wrong passphrase/i })
      .waitFor();
    await passphrase.fill(NEXT);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading('Settings').waitFor();
  });

  it('re-keys the vault from Settings after a confirmation, showing the new recovery key once', async () => {
    const rekey = page.getByRole('region', { name: 'Re-key this vault' });
    await rekey.getByLabel('Current passphrase or recovery key', { exact: true }).fill(NEXT);
    // The same passphrase again is allowed: the key file and the recovery key are new either way.
    await rekey.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    await rekey.getByLabel('Confirm new passphrase', { exact: true }).fill(NEXT);
    await rekey.getByRole('button', { name: 'Re-key the vault' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-key the vault?' });
    await dialog.waitFor();
    await expectAccessible('re-key confirmation');
    await dialog.getByRole('button', { name: 'Re-key the vault' }).click();

    await heading('Your new recovery key').waitFor();
    const newRecoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
    expect(newRecoveryKey).toMatch(RECOVERY_KEY_FORMAT);
    expect(newRecoveryKey).not.toBe(recoveryKey);
    await page.getByText('The previous recovery key no longer opens this vault').waitFor();
    await page.getByLabel('I have stored the recovery key somewhere safe, away from this laptop').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading('Settings').waitFor();

    // The old recovery key no longer opens the vault; the new one does.
    await page.getByRole('button', { name: 'Lock' }).click();
    await heading('Unlock Casebook').waitFor();
    await page.getByRole('button', { name: 'Use recovery key instead' }).click();
    const keyField = page.getByLabel('Recovery key', { exact: true });
    await keyField.fill(recoveryKey);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /wrong passphrase/i })
      .waitFor();
    await keyField.fill(newRecoveryKey);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading('Settings').waitFor();
    recoveryKey = newRecoveryKey;
  });

  it('returns to the unlock screen when the vault is locked elsewhere (event stream)', async () => {
    const response = await fetch(`${host.baseUrl}api/vault.lock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    await heading('Unlock Casebook').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(NEXT);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading('Settings').waitFor();
  });

  it('stays unlocked while the person is active, then locks after the idle time and says why', {
    timeout: 240_000,
  }, async () => {
    await page.getByLabel('Auto-lock after (minutes)').fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    // Typing for longer than the idle time: the renderer's (throttled) activity reports keep the vault open.
    const activeUntil = Date.now() + 75_000;
    while (Date.now() < activeUntil) {
      await page.keyboard.press('Shift');
      await page.waitForTimeout(5_000);
    }
    expect(await heading('Settings').count()).toBe(1);
    // No more input from here: the main process's timer locks the vault within a minute.
    await heading('Unlock Casebook').waitFor({ timeout: 100_000 });
    await page.getByText('Locked after 1 minute of inactivity.').waitFor();
    await screenshot(page, '13-unlock-after-idle');
    await expectAccessible('unlock after an idle lock');
  });

  it('ran without console errors or CSP violations', () => {
    // The policy is also sent as a header (where frame-ancestors works); the meta copy keeps the Electron shell safe.
    const problems = app.problems.filter(
      (line) => !line.includes("'frame-ancestors' is ignored when delivered via a <meta>"),
    );
    expect(problems).toEqual([]);
  });

  it('tells a tab without the token that it is not authorised', async () => {
    const stranger = await openApp(browser, host.baseUrl);
    try {
      await stranger.page.getByRole('heading', { name: 'This browser tab is not authorised' }).waitFor();
      expect(await stranger.page.textContent('main')).toContain('casebook serve');
      await screenshot(stranger.page, '12-not-authorised');
    } finally {
      await stranger.context.close();
    }
  });
});
