#!/usr/bin/env node
// `npm test`: every check the project has, in order, ending with one line "N passed, N failed".
// Static checks (typecheck, lint, build) count as one test each; vitest's tests count one each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsFile = join(root, 'test-results', 'vitest.json');

let passed = 0;
let failed = 0;

function step(name, command, args) {
  process.stdout.write(`\n== ${name}: ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) passed++;
  else {
    failed++;
    process.stdout.write(`== ${name} FAILED (exit ${result.status ?? result.signal})\n`);
  }
  return result.status === 0;
}

step('typecheck (main, shared, db, tests)', bin('tsc'), ['-p', 'tsconfig.json']);
step('typecheck (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json']);
step('lint and format', bin('biome'), ['check', '--error-on-warnings', '.']);
const built = step('build', 'npm', ['run', '--silent', 'build']);

if (built) {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  rmSync(resultsFile, { force: true });
  spawnSync(
    bin('vitest'),
    ['run', ...process.argv.slice(2), '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`],
    { cwd: root, stdio: 'inherit' },
  );
  if (existsSync(resultsFile)) {
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that failed to load has no tests to count: count it as a failure.
    failed += report.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.length === 0,
    ).length;
  } else {
    process.stdout.write('== vitest wrote no results\n');
    failed++;
  }
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
