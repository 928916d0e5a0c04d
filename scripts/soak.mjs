#!/usr/bin/env node
// `npm run soak`: the reliability proof at its long profile (`-- --short` for CI's), then one
// table of every figure the checks recorded in test-results/soak/. `npm run soak -- crash` runs
// only the files whose names match and keeps the other figures of the last run in the table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const folder = join(root, 'test-results', 'soak');
const profile = process.argv.includes('--short') ? 'short' : 'long';
const only = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
if (only.length === 0) rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });

const started = Date.now();
const run = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'soak', ...only], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SOAK_PROFILE: profile },
});

const rows = existsSync(folder)
  ? readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')))
      // Figures of the other profile, left from an earlier run, would mislead.
      .filter((recorded) => recorded.profile === profile)
      .flatMap((recorded) => recorded.figures)
  : [];
const width = Math.max(20, ...rows.map((row) => row.label.length));
const line = `+-${'-'.repeat(width)}-+-${'-'.repeat(12)}-+`;
process.stdout.write(`\nCasebook soak (${profile} profile), ${Math.round((Date.now() - started) / 1000)} s\n${line}\n`);
for (const row of rows) {
  const value = typeof row.value === 'number' ? row.value.toLocaleString('en-GB') : String(row.value);
  process.stdout.write(`| ${row.label.padEnd(width)} | ${value.padStart(12)} |\n`);
}
process.stdout.write(`${line}\n`);
process.exitCode = run.status ?? 1;
