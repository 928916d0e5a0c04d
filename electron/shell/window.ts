import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, secureWebPreferences } from '../security.js';

/** dist/electron/shell/preload.cjs, next to this file once compiled. */
export const PRELOAD_PATH = join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs');

/** The one Casebook window: isolated, sandboxed, no Node, shown once painted. */
export function createMainWindow(options: { devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'Casebook',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(PRELOAD_PATH, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
