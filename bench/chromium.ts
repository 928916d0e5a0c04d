import { type Browser, chromium } from 'playwright-core';

/**
 * The system Chromium (CASEBOOK_CHROMIUM to use another), headless, with nothing
 * phoning home: one launch for the timeline benchmark and the end-to-end tests.
 */
const CHROMIUM_PATH = process.env.CASEBOOK_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
