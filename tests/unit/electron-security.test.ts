import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentTypeFor,
  isAppUrl,
  isInside,
  isPermissionAllowed,
  isTrustedSender,
  resolveAppFile,
  secureWebPreferences,
  UNTRUSTED_SENDER_RESULT,
  vaultPathFromArgv,
} from '../../electron/security.js';

const root = resolve('/srv/casebook/dist/renderer');

describe('isAppUrl (navigation and redirects)', () => {
  it('allows the app itself', () => {
    expect(isAppUrl('casebook://app/index.html')).toBe(true);
    expect(isAppUrl('casebook://app/')).toBe(true);
    expect(isAppUrl('casebook://app/assets/index-abc.js?x=1#top')).toBe(true);
  });

  it('refuses the web, files and look-alikes', () => {
    for (const url of [
      'https://example.com',
      'https://example.com/casebook://app/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'casebook://app',
      'casebook://app.evil.com/',
      'casebook://apps/',
      'casebook://app:8080/',
      'casebook://user@app/',
      'casebook://evil/app/',
      'CASEBOOK://evil/',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('isTrustedSender (IPC)', () => {
  it('trusts only frames showing casebook://app/', () => {
    expect(isTrustedSender('casebook://app/index.html')).toBe(true);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender('about:blank')).toBe(false);
    expect(isTrustedSender('')).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('answers untrusted senders with a structured invalid_payload error', () => {
    expect(UNTRUSTED_SENDER_RESULT).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'untrusted sender' },
    });
  });
});

describe('resolveAppFile (the casebook:// protocol handler)', () => {
  it('maps app URLs to files under the renderer root', () => {
    expect(resolveAppFile(root, 'casebook://app/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'casebook://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'casebook://app/assets/app%20one.js?v=2')).toBe(join(root, 'assets', 'app one.js'));
  });

  it('refuses traversal out of the root, however it is spelt', () => {
    for (const url of [
      'casebook://app/../../etc/passwd',
      'casebook://app/assets/../../../etc/passwd',
      'casebook://app/%2e%2e/%2e%2e/etc/passwd',
      'casebook://app/..%2f..%2fetc%2fpasswd',
      'casebook://app/..%5c..%5cwindows%5cwin.ini',
      'casebook://app/assets/%2E%2E/%2E%2E/secret',
      'casebook://app/index.html%00.png',
      'casebook://app/%E0%A4%A', // malformed escape
    ]) {
      // The URL parser already folds literal dot segments (the request stays inside the root);
      // whatever survives decoding must still land inside it, or be refused.
      const file = resolveAppFile(root, url);
      if (file !== null) expect(isInside(root, file), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, 'casebook://app/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'casebook://app/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(root, 'casebook://app/..%5c..%5cwindows%5cwin.ini')).toBeNull();
    expect(resolveAppFile(root, 'casebook://app/index.html%00.png')).toBeNull();
    expect(resolveAppFile(root, 'casebook://app/%E0%A4%A')).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFile(root, 'casebook://other/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///srv/casebook/dist/renderer/index.html')).toBeNull();
    expect(resolveAppFile(root, 'https://example.com/index.html')).toBeNull();
  });

  it('isInside accepts the root and its children only', () => {
    expect(isInside(root, join(root, 'a', 'b.js'))).toBe(true);
    expect(isInside(root, join(root, '..foo'))).toBe(true);
    expect(isInside(root, resolve(root, '..', 'renderer-evil', 'x.js'))).toBe(false);
    expect(isInside(root, resolve(root, '..'))).toBe(false);
    expect(isInside(root, resolve('/etc/passwd'))).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('refuses every permission except clipboard writes from the app itself', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid',
      'fullscreen',
    ]) {
      expect(isPermissionAllowed(permission, 'casebook://app/index.html'), permission).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write', 'casebook://app/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'casebook://app/')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    const preferences = secureWebPreferences('/app/dist/electron/shell/preload.cjs');
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.preload).toBe('/app/dist/electron/shell/preload.cjs');
    expect(preferences.devTools).toBe(false);
    expect(preferences.disableBlinkFeatures).toBe('Auxclick');
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });
});

describe('small helpers', () => {
  it('picks content types and --vault=<path>', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
    expect(vaultPathFromArgv(['electron', '.', '--vault=my.vault'], '/home/r')).toBe(resolve('/home/r', 'my.vault'));
    expect(vaultPathFromArgv(['electron', '.'], '/home/r')).toBeUndefined();
    expect(vaultPathFromArgv(['--vault='], '/home/r')).toBeUndefined();
  });
});
