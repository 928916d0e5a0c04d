import type { Browser, Page } from 'playwright-core';
import { type AppPage, createVault, launchBrowser, openApp, unlock } from './browser.js';
import { callApi, type RunningHost, type StartHostOptions, startHost } from './host.js';

/** The passphrase of the vaults the end-to-end tests create. */
export const PASSPHRASE = 'Heron quietly folds marble Tuesday 47';

/** A real web host with the app open on it in Chromium, in one tab. */
export interface HostedApp {
  host: RunningHost;
  browser: Browser;
  app: AppPage;
  page: Page;
  /** A contract call through the host with the tab's token: for setting a scene the test is not about. */
  api<T>(channel: string, payload: unknown): Promise<T>;
  /** Closes the tab, Chromium and the web host. */
  stop: () => Promise<void>;
}

/** A real web host (on a fresh vault path unless given one) and Chromium with the app open on its first screen. */
export async function openHostedApp(options: StartHostOptions = {}): Promise<HostedApp> {
  const host = await startHost(options);
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await host.stop();
    throw error;
  });
  const stop = async () => {
    await browser.close();
    await host.stop();
  };
  const app = await openApp(browser, host.openUrl).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    host,
    browser,
    app,
    page: app.page,
    api: (channel, payload) => callApi(host, channel, payload),
    stop: async () => {
      await app.context.close();
      await stop();
    },
  };
}

/**
 * The app on a fresh vault, created through the screens (passphrase twice,
 * recovery key confirmed as stored), ending on the Reviews list.
 */
export async function openOnNewVault(): Promise<HostedApp> {
  return openedThen(await openHostedApp(), (page) => createVault(page, PASSPHRASE));
}

/** The app on an existing vault (e.g. one the CLI built), unlocked with PASSPHRASE, ending on the Reviews list. */
export async function openOnVault(vaultPath: string): Promise<HostedApp> {
  return openedThen(await openHostedApp({ vaultPath }), (page) => unlock(page, PASSPHRASE));
}

/** Runs the first step on the opened app; if it fails, nothing is left running. */
async function openedThen(opened: HostedApp, step: (page: Page) => Promise<void>): Promise<HostedApp> {
  try {
    await step(opened.page);
    return opened;
  } catch (error) {
    await opened.stop();
    throw error;
  }
}
