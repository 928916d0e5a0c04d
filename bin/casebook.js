#!/usr/bin/env node
// Thin launcher for the compiled CLI (built by `npm run build`, which `npm ci` runs via "prepare").
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('Casebook is not built yet: run `npm run build` in the Casebook folder.\n');
  process.exit(1);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
