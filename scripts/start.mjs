#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop app when Electron is available,
// otherwise the same app served to a browser on 127.0.0.1 (`casebook serve`).
//
// Extra arguments are passed on: `npm start -- --vault=/path/to/casebook.vault`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
}

/** The Electron executable; the electron package downloads it on first use (needs the internet). */
function electronBinary() {
  const binary = createRequire(import.meta.url)('electron');
  if (typeof binary !== 'string' || binary === '') throw new Error('the electron package did not give a binary path');
  return binary;
}

async function serveInBrowser(reason) {
  process.stdout.write(`${reason} Serving Casebook in your browser instead:\n`);
  const { main } = await import('../dist/electron/cli/main.js');
  // `serve` prints "Casebook is ready at <url>" and runs until Ctrl+C.
  process.exitCode = await main(['serve', ...args]);
}

let binary;
try {
  binary = electronBinary();
} catch (error) {
  await serveInBrowser(`The Electron runtime is not installed and could not be downloaded (${firstLine(error)}).`);
}

if (binary) {
  // better-sqlite3 rebuilt for Electron's ABI into build/native/ (instant when already up to date).
  const prepared = spawnSync(process.execPath, [join(root, 'build', 'prepare-electron-native.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) {
    await serveInBrowser(
      'The database module could not be built for Electron (see the message above; `npm run prepare:electron-native` retries).',
    );
  } else {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        if (!child.killed) child.kill(signal);
      });
    }
    child.on('error', (error) => {
      process.stderr.write(`Could not start Electron: ${firstLine(error)}\n`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
}
