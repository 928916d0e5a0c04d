import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  powerMonitor,
  protocol,
  session,
} from 'electron';
import { type CasebookApp, createCasebookApp } from '../app.js';
import { CONTENT_SECURITY_POLICY } from '../csp.js';
import { defaultVaultPath } from '../paths.js';
import {
  APP_HOST,
  APP_SCHEME,
  contentTypeFor,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  resolveAppFile,
  UNTRUSTED_SENDER_RESULT,
  vaultPathFromArgv,
} from '../security.js';
import { createMainWindow } from './window.js';

/**
 * The Electron entry (package.json "main": dist/electron/shell/main.js). It owns
 * the window, serves the built renderer over `casebook://app/`, checks every IPC
 * sender and hands requests to the same handler table as the web host and CLI.
 */

/** dist/renderer, two levels up from dist/electron/shell/ (inside app.asar when packaged). */
const RENDERER_ROOT = fileURLToPath(new URL('../../renderer/', import.meta.url));

app.setName('Casebook');
// Every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox();
// Reviewers work in UK dates: native date fields follow Chromium's language, not the OS region.
app.commandLine.appendSwitch('lang', 'en-GB');
// Must happen before `ready`: a standard, secure origin the renderer can fetch from.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Another Casebook owns the vault; it focuses its window (see `second-instance`).
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let casebook: CasebookApp | null = null;

  hardenWebContents();

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Quitting, suspending or locking the screen closes the vault; the window shows the lock screen.
  app.on('before-quit', () => casebook?.close());

  const openWindow = () => {
    mainWindow = createMainWindow({ devTools: !app.isPackaged });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('activate', () => {
    if (app.isReady() && !mainWindow) openWindow();
  });

  void app.whenReady().then(() => {
    // better-sqlite3 in node_modules is built for Node (tests, CLI, web host), so the shell
    // always loads the copy `npm run prepare:electron-native` rebuilt for Electron:
    // from build/native when unpackaged, from the installer's resources when packaged.
    const nativeBinding = app.isPackaged
      ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
      : join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node');
    if (!existsSync(nativeBinding)) {
      dialog.showErrorBox(
        'Casebook cannot open its database',
        `The database module built for Electron is missing (${nativeBinding}).\n\nRun \`npm run prepare:electron-native\` (or \`npm start\`, which runs it) and start Casebook again.`,
      );
      app.quit();
      return;
    }
    casebook = createCasebookApp(vaultPathFromArgv(process.argv) ?? defaultVaultPath(), { nativeBinding });
    const opened = casebook;

    const lock = () => opened.session.lock('user');
    powerMonitor.on('suspend', lock);
    powerMonitor.on('lock-screen', lock);

    denyPermissions();
    serveRenderer();
    Menu.setApplicationMenu(buildMenu(app.isPackaged));

    ipcMain.handle(IPC_INVOKE_CHANNEL, (event, channel: unknown, payload: unknown) => {
      if (!isFromMainWindow(event, mainWindow)) return UNTRUSTED_SENDER_RESULT;
      return opened.invoke(channel as string, payload);
    });

    opened.events.subscribe((event) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, event);
    });

    openWindow();
  });
}

/** The sender must be our window's main frame, showing `casebook://app/`. */
function isFromMainWindow(event: Electron.IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || !window || window.isDestroyed()) return false;
    const contents = window.webContents;
    if (event.sender.id !== contents.id) return false;
    const main = contents.mainFrame;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId || frame.parent !== null) return false;
    return isTrustedSender(frame.url);
  } catch {
    // A frame that navigated away or was destroyed mid-call is not trusted.
    return false;
  }
}

/** Serves dist/renderer at casebook://app/ with the CSP; nothing outside it, nothing for other hosts. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(RENDERER_ROOT, request.url);
    if (!file || request.method !== 'GET' || new URL(request.url).hostname !== APP_HOST) {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
  });
}

/** Every permission refused, bar clipboard writes from our own page (see isPermissionAllowed). */
function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? `${requestingOrigin}/`),
  );
}

/** Applies to every web contents ever created: no leaving the app, no new windows, no webviews. */
function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Copy and paste everywhere (macOS needs the Edit menu for the shortcuts); reload and devtools only in development. */
function buildMenu(packaged: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [];
  if (process.platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'editMenu' });
  if (!packaged) {
    template.push({
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  if (process.platform === 'darwin') template.push({ role: 'windowMenu' });
  return Menu.buildFromTemplate(template);
}
