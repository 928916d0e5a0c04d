import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, screenshot } from './support/browser.js';
import { type HostedApp, openOnNewVault, PASSPHRASE } from './support/hosted-app.js';

/**
 * Backups in the app: the automatic backup made on the first unlock, "Back up now"
 * in Settings, and, when the vault is damaged, the unlock screen offering the
 * newest backup and restoring it. Real web host, real Chromium, real vault on disk.
 */

const TITLE = 'Child W backup review';
let opened: HostedApp;

function heading(name: string, level = 1) {
  return opened.page.getByRole('heading', { name, level, exact: true });
}

/** Overwrites 64 bytes in every page but the first: whatever the unlock reads next does not decrypt. */
function damage(path: string): void {
  const pages = statSync(path).size / 4096;
  const file = openSync(path, 'r+');
  try {
    for (let page = 1; page < pages; page++) writeSync(file, Buffer.alloc(64, 0x5a), 0, 64, page * 4096 + 512);
  } finally {
    closeSync(file);
  }
}

describe('backups: made while open, restored when the vault is damaged', () => {
  beforeAll(async () => {
    opened = await openOnNewVault();
  });
  afterAll(async () => {
    await opened?.stop();
  });

  it('lists the automatic backup in Settings and makes one on request', async () => {
    const { page } = opened;
    await page.getByRole('button', { name: 'New review' }).click();
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('Type of review').selectOption('scr');
    await page.getByRole('button', { name: 'Create review' }).click();
    await heading(TITLE).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Backups' });
    await section.scrollIntoViewIfNeeded();
    // The one made when the vault was first opened.
    await expect.poll(() => section.locator('tbody tr').count()).toBe(1);
    await section.getByRole('button', { name: 'Back up now' }).click();
    await section.getByText(/Backup made and checked: \d+ pages, \d+ audit entries\./).waitFor();
    await expect.poll(() => section.locator('tbody tr').count()).toBe(2);
    expect(await section.locator('code').first().textContent()).toContain('test-backups');
    await screenshot(page, 'backups-01-settings');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('offers the newest backup when the vault is damaged, and restores it', async () => {
    const { page, host } = opened;
    await page.getByRole('button', { name: 'Lock' }).click();
    await heading('Unlock Casebook').waitFor();
    damage(host.vaultPath);

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const restore = page.getByRole('region', { name: 'Restore from a backup' });
    await restore.waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/damaged/i);
    const choices = restore.getByRole('radio');
    expect(await choices.count()).toBe(2);
    expect(await choices.first().isChecked()).toBe(true);
    await screenshot(page, 'backups-02-restore-offer');
    expect(await accessibilityViolations(page)).toEqual([]);

    await restore.getByRole('button', { name: 'Restore this backup' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    // Unlocked on the restored vault, where the reviewer was (Settings), with the review made before the backup.
    await heading('Settings').waitFor();
    await screenshot(page, 'backups-03-restored');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
  });
});
