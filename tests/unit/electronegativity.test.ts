import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/build.js';

/**
 * Electronegativity (Doyensec's checker for Electron misconfigurations) over the
 * compiled main process and the renderer's page, as it ships. Any finding fails
 * the test unless it is allowed below with the reason it does not apply.
 */

const ELECTRON_VERSION = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
/** Its runner, not its command line: the command line needs an older commander than the one installed. */
const RUNNER = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');
const RUN = `const runner = require(process.argv[1]);
(runner.default ?? runner)({ input: process.argv[2], isRelative: true, electronVersionOverride: process.argv[3] }).then(
  (result) => process.stdout.write('\\nFINDINGS ' + JSON.stringify(result.issues.map((issue) => ({ issue: issue.id, file: issue.file }))), () => process.exit(0)),
  (error) => { console.error(error); process.exit(1); },
);`;

/** Findings that do not apply, by check and file, each with why. */
const ALLOWED: Record<string, string> = {
  'CONTEXT_ISOLATION_JS_CHECK shell/window.js':
    'webPreferences come from secureWebPreferences() (electron/security.ts: contextIsolation true), which the checker cannot follow; tests/unit/electron-security.test.ts checks it',
  'SANDBOX_JS_CHECK shell/window.js':
    'webPreferences come from secureWebPreferences() (sandbox true), checked by tests/unit/electron-security.test.ts',
  'CSP_GLOBAL_CHECK index.html':
    "Google's CSP evaluator (LOW) warns that 'self' scripts can be abused where a site hosts uploads or JSONP; the app serves only its own built files (casebook:// in Electron, the web host's dist/renderer), with no inline script, no eval and object-src 'none'",
  'AUXCLICK_JS_CHECK shell/window.js':
    "webPreferences come from secureWebPreferences() (disableBlinkFeatures 'Auxclick'), and every new window is denied (setWindowOpenHandler)",
};

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

function findings(folder: string): { issue: string; file: string }[] {
  const run = spawnSync(process.execPath, ['-e', RUN, RUNNER, folder, ELECTRON_VERSION], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(run.status, run.stderr).toBe(0);
  // The tool writes its own messages to stdout too; the findings are on their own line.
  const line = run.stdout.split('\n').find((text) => text.startsWith('FINDINGS '));
  return JSON.parse(line?.slice('FINDINGS '.length) ?? 'null');
}

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'casebook-electronegativity-'));
  made.push(root);
  const target = join(root, 'app');
  mkdirSync(target);
  return target;
}

describe('electronegativity', () => {
  it('reports a window with Node integration (the checker runs and sees)', () => {
    const target = folder();
    writeFileSync(
      join(target, 'bad.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    );
    expect(findings(target).map((finding) => finding.issue)).toContain('NODE_INTEGRATION_JS_CHECK');
  }, 300_000);

  it('finds nothing in the compiled main process and the page that is not allowed with a reason', () => {
    const target = folder();
    cpSync(join(ROOT, 'dist', 'electron'), target, { recursive: true });
    // The page as it ships: its Content-Security-Policy meta tag.
    cpSync(join(ROOT, 'renderer', 'index.html'), join(target, 'index.html'));
    const unexpected = findings(target).filter(({ issue, file }) => !ALLOWED[`${issue} ${file}`]);
    expect(unexpected).toEqual([]);
  }, 300_000);
});
