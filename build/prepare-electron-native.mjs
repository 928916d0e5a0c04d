#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers for Electron's ABI into build/native/electron/,
// WITHOUT touching node_modules: Node (tests, CLI, web host) keeps the Node build there,
// and the unpackaged Electron shell loads this copy through better-sqlite3's
// `nativeBinding` option (see electron/shell/main.ts).
//
//   build/native/work/node_modules/better-sqlite3-multiple-ciphers   a scratch copy, rebuilt
//   build/native/electron/better_sqlite3.node                        the result
//   build/native/electron/stamp.json                                 what it was built for
//
// A second run with the same Electron, module version, platform and arch does nothing.
// The first run needs the internet (a prebuilt binary, or Electron's headers plus a C++
// toolchain to compile one). Packaged builds do not use this: electron-builder rebuilds
// node_modules for Electron itself (npmRebuild in build/electron-builder.yml).
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = 'better-sqlite3-multiple-ciphers';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', MODULE);
const nativeDirectory = join(root, 'build', 'native');
const workDirectory = join(nativeDirectory, 'work');
const workModule = join(workDirectory, 'node_modules', MODULE);
const outputDirectory = join(nativeDirectory, 'electron');
const output = join(outputDirectory, 'better_sqlite3.node');
const stampFile = join(outputDirectory, 'stamp.json');

function fail(message) {
  process.stderr.write(`prepare-electron-native: ${message}\n`);
  process.exit(1);
}

function readVersion(packageDirectory, name) {
  try {
    return JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')).version;
  } catch {
    fail(
      `${name} is not installed (no ${relative(root, join(packageDirectory, 'package.json'))}). Run \`npm ci\` first.`,
    );
  }
}

const electronVersion = readVersion(join(root, 'node_modules', 'electron'), 'electron');
const moduleVersion = readVersion(source, MODULE);
const wanted = { electronVersion, module: MODULE, moduleVersion, platform: process.platform, arch: process.arch };

function upToDate() {
  if (!existsSync(output) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(wanted).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

if (upToDate()) {
  process.stdout.write(`${MODULE} ${moduleVersion} for Electron ${electronVersion} is up to date.\n`);
  process.exit(0);
}

process.stdout.write(
  `Building ${MODULE} ${moduleVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${relative(root, workDirectory)}; node_modules is left as it is...\n`,
);

// A clean scratch copy of the module (without its Node build) in a tiny project of its own.
rmSync(workDirectory, { recursive: true, force: true });
mkdirSync(dirname(workModule), { recursive: true });
cpSync(source, workModule, {
  recursive: true,
  dereference: true,
  filter: (path) => {
    const inside = relative(source, path);
    return inside !== 'build' && !inside.startsWith(`build${sep}`);
  },
});
writeFileSync(
  join(workDirectory, 'package.json'),
  `${JSON.stringify({ name: 'casebook-electron-native', private: true, dependencies: { [MODULE]: moduleVersion } }, null, 2)}\n`,
);

let rebuild;
try {
  ({ rebuild } = await import('@electron/rebuild'));
} catch (error) {
  fail(`@electron/rebuild is not installed (${firstLine(error)}). Run \`npm ci\` first.`);
}

try {
  await rebuild({
    buildPath: workDirectory,
    electronVersion,
    arch: process.arch,
    force: true,
    onlyModules: [MODULE],
  });
} catch (error) {
  fail(
    [
      `could not build ${MODULE} for Electron ${electronVersion}: ${firstLine(error)}`,
      'This needs the internet (to fetch a prebuilt binary, or Electron headers to compile one) and, when no',
      'prebuilt binary fits, a C++ toolchain (Python 3 and make/g++ on Linux, Xcode command line tools on macOS,',
      'Visual Studio Build Tools on Windows). node_modules was not changed: tests, the CLI and `casebook serve` still work.',
    ].join('\n'),
  );
}

const built = join(workModule, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail(`the rebuild finished but ${relative(root, built)} is missing.`);
mkdirSync(outputDirectory, { recursive: true });
copyFileSync(built, output);
writeFileSync(stampFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
rmSync(workDirectory, { recursive: true, force: true });
process.stdout.write(`Wrote ${relative(root, output)} for Electron ${electronVersion}.\n`);

function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
}
