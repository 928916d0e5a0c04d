import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../bench/chromium.js';
import { REPO_ROOT } from './host.js';

/** Chromium for the end-to-end tests: the benchmark's launch (the system build, headless, nothing phoning home). */
export const launchBrowser = launchChromium;
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions (CSP violations show up here). */
  problems: string[];
}

export async function openApp(browser: Browser, url: string): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return { context, page, problems };
}

/**
 * The page's console errors and exceptions, less the one every page logs: the app's
 * meta copy of its CSP names frame-ancestors, which only a header (the web host sends
 * it) can carry.
 */
export function pageProblems(app: AppPage): string[] {
  return app.problems.filter((line) => !line.includes("'frame-ancestors' is ignored when delivered via a <meta>"));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The whole screen in one picture: only the frame's content pane scrolls, so a
 * full-page picture would be cut at the window. The window is made as tall as
 * the content (at most 8000 pixels) for the picture, then set back.
 */
export async function wholeScreenshot(page: Page, name: string): Promise<string> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate((fallback) => {
    const main = document.querySelector('.frame-main');
    const header = document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0;
    return Math.ceil((main?.scrollHeight ?? fallback) + header + 60);
  }, viewport.height);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 8000)) });
  const path = await screenshot(page, name);
  await page.setViewportSize(viewport);
  return path;
}

/** WCAG 2 A and AA violations on the current page, as readable lines (empty when none). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
  );
}

/** The name the end-to-end tests give when creating a vault: the audit log records it. */
export const REVIEWER_NAME = 'Sam Okafor';

/** Creates a vault from the first screen, as a person would, and waits for the app's first page. */
export async function createVault(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('heading', { name: 'Create your Casebook vault', level: 1 }).waitFor();
  await page.getByLabel('Your name', { exact: true }).fill(REVIEWER_NAME);
  await page.getByLabel('New passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByLabel('I have stored the recovery key somewhere safe, away from this laptop').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Reviews', level: 1, exact: true }).waitFor();
}

const unlockHeading = (page: Page) => page.getByRole('heading', { name: 'Unlock Casebook', level: 1 });

async function submitPassphrase(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** Unlocks an existing vault from the unlock screen, as a person would, and waits for the Reviews list. */
export async function unlock(page: Page, passphrase: string): Promise<void> {
  await unlockHeading(page).waitFor();
  await submitPassphrase(page, passphrase);
  await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
}

/** Reloads the page and unlocks again if the reload asked for the passphrase: what was saved is read back from the vault. */
export async function reloadUnlocked(page: Page, passphrase: string): Promise<void> {
  await page.reload();
  if (
    await unlockHeading(page)
      .isVisible({ timeout: 3000 })
      .catch(() => false)
  ) {
    await submitPassphrase(page, passphrase);
  }
}
