import type { Browser, Page } from 'playwright-core';
import { type AppPage, launchBrowser, openApp } from './browser.js';
import { type RunningHost, startHost } from './host.js';

/** The passphrase of the vaults the end-to-end tests create. */
export const PASSPHRASE = 'Heron quietly folds marble Tuesday 47';

export interface NewVaultApp {
  host: RunningHost;
  browser: Browser;
  app: AppPage;
  page: Page;
  /** Closes the tab, Chromium and the web host. */
  stop: () => Promise<void>;
}

/**
 * A real web host on a fresh vault, and Chromium with the app open on it: the
 * vault created through the screens (passphrase twice, recovery key confirmed as
 * stored), ending on the Reviews list.
 */
export async function openOnNewVault(): Promise<NewVaultApp> {
  const host = await startHost();
  const browser = await launchBrowser();
  const app = await openApp(browser, host.openUrl);
  const page = app.page;
  await page.getByRole('heading', { name: 'Create your Casebook vault', level: 1 }).waitFor();
  await page.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Your recovery key', level: 1 }).waitFor();
  await page.getByLabel('I have stored the recovery key somewhere safe, away from this laptop').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
  return {
    host,
    browser,
    app,
    page,
    stop: async () => {
      await app.context.close();
      await browser.close();
      await host.stop();
    },
  };
}
