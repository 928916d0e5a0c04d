import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ApiResult } from '../shared/api/errors.js';

/**
 * The Electron shell's decisions (nearly all about security), kept free of
 * `electron` so they run and are tested under plain Node. `electron/shell/`
 * only wires them up.
 */

/** The privileged scheme the renderer is served from; the only origin the app trusts. */
export const APP_SCHEME = 'casebook';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** IPC channel names; copied (not imported) into electron/shell/preload.cts, which may only require electron. */
export const IPC_INVOKE_CHANNEL = 'casebook:invoke';
export const IPC_EVENT_CHANNEL = 'casebook:event';

/** Main-process webPreferences for every window: no Node, isolated and sandboxed. */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click opens links in new windows; new windows are denied anyway, this stops the event.
    disableBlinkFeatures: 'Auxclick',
    devTools: options.devTools ?? false,
    preload: preloadPath,
  } as const;
}

/**
 * True only for `casebook://app/...`. Parsed, not just prefix-matched, so
 * `casebook://app.evil/`, `casebook://user@app/` or a port do not pass.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || !url.startsWith(`${APP_ORIGIN}/`)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** An IPC sender is trusted only when its (main) frame shows our own renderer. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/** What `casebook:invoke` answers a sender it does not trust; the app is never touched. */
export const UNTRUSTED_SENDER_RESULT: ApiResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'invalid_payload', message: 'untrusted sender' }),
}) as ApiResult<never>;

/**
 * Web permissions: everything is refused (camera, notifications, geolocation,
 * clipboard reading, ...) except writing text to the clipboard from our own
 * page, which the recovery-key screen's Copy button needs. Reading stays denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** True when `candidate` (absolute) is `root` itself or lies inside it. */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * The file under `root` that a `casebook://app/...` request asks for, or null when
 * the URL is not ours or its decoded path leaves `root` (`..`, encoded `%2e%2e`,
 * `%2f`, backslashes, NUL bytes). `/` means `index.html`.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const segments = pathname.split(/[/\\]+/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!isInside(base, file) || file === base) return null;
  return file;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

/** `--vault=<path>` from the command line, resolved against `cwd`; undefined when absent or empty. */
export function vaultPathFromArgv(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  for (const argument of argv) {
    if (argument.startsWith('--vault=')) {
      const value = argument.slice('--vault='.length);
      if (value) return resolve(cwd, value);
    }
  }
  return undefined;
}
