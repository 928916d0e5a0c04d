import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'casebook.js');

/**
 * Vitest global setup: tests that run the CLI or a child process use the compiled
 * dist/, so compile it first (a few seconds) rather than test a stale build.
 */
export default function buildNodeCode(): void {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.node.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
